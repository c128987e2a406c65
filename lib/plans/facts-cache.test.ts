import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../db/client';
import { databaseWithNews } from '../cache/testing';

/**
 * The plans and who is on which, kept in memory for the users list: every change reaches the
 * list at once on the instance that made it and, through the database, on every other — and
 * without news, nothing is kept.
 */

const holder = vi.hoisted(() => ({ database: null as Database | null }));
vi.mock('../db', () => ({ db: async () => holder.database!.db }));

const { planFacts, planFactsInMemory, userPlanFacts } = await import('./facts-cache');
const { startInvalidationListener, stopInvalidationListener } = await import('../cache/invalidation');
const { createPlan, saveUserPlan, saveDrift, removeUserPlans, deletePlan } = await import('./store');

const input = (name: string) => ({ name, userQuotaGb: 10, bucketQuotaGb: 0, limits: { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 } });
const names = async () => (await planFacts()).plans.map((p) => p.name).sort();
const onPlan = async (userId: string) => (await planFacts()).onPlans.find((r) => r.userId === userId);
/** One user's plan as a user's page reads it: its name and the row's status, or null. */
const mine = async (userId: string) => {
  const facts = await userPlanFacts(userId);
  return facts && `${facts.plan.name}: ${facts.row.status}`;
};

/** A change the cache is not told of (the triggers switched off): to see whether the facts are read again. */
async function quietly(statement: ReturnType<typeof sql>): Promise<void> {
  const d = holder.database!.db;
  await d.execute(sql`alter table plans disable trigger plans_changed`);
  await d.execute(sql`alter table user_plans disable trigger user_plans_changed`);
  await d.execute(statement);
  await d.execute(sql`alter table plans enable trigger plans_changed`);
  await d.execute(sql`alter table user_plans enable trigger user_plans_changed`);
}

describe('plan facts on the embedded database', () => {
  beforeAll(async () => {
    holder.database = await openDatabase({ dataDir: null });
  });
  afterAll(async () => {
    await stopInvalidationListener();
    await holder.database?.close();
  });

  it('are read from the database every time while no news can arrive', async () => {
    const quiet = await createPlan(holder.database!.db, input('Quiet'));
    await saveUserPlan(holder.database!.db, 'user-0', quiet.id, 'applied', []);
    expect(await names()).toEqual(['Quiet']);
    expect(await mine('user-0')).toBe('Quiet: applied');
    expect(planFactsInMemory()).toBeNull();
    await quietly(sql`update plans set name = 'Quiet Renamed'`);
    expect(await names()).toEqual(['Quiet Renamed']);
    expect(await mine('user-0')).toBe('Quiet Renamed: applied');
    await removeUserPlans(holder.database!.db, ['user-0']);
  });

  it('are kept once news arrives, and every change — the console’s, a job’s, plain SQL — is seen by the very next read', async () => {
    await startInvalidationListener(holder.database!);
    const d = holder.database!.db;
    expect(await names()).toEqual(['Quiet Renamed']);
    await quietly(sql`update plans set name = 'Not Told'`);
    expect(await names()).toEqual(['Quiet Renamed']);

    const gold = await createPlan(d, input('Gold'));
    expect(await names()).toEqual(['Gold', 'Not Told']);
    await saveUserPlan(d, 'user-1', gold.id, 'applying', []);
    expect((await onPlan('user-1'))?.status).toBe('applying');
    await saveDrift(d, 'user-1', [{ key: 'userQuotaGb', plan: 10, gateway: 5 }] as never);
    expect((await onPlan('user-1'))?.drift).toHaveLength(1);
    await d.execute(sql`update user_plans set status = 'applied'`);
    expect((await onPlan('user-1'))?.status).toBe('applied');
    await removeUserPlans(d, ['user-1']);
    expect(await onPlan('user-1')).toBeUndefined();
    await deletePlan(d, gold.id);
    expect(await names()).toEqual(['Not Told']);

    // In memory only once read and while current: one user's page never has the whole table read for it.
    expect(planFactsInMemory()?.planById.size).toBe(1);
    const silver = await createPlan(d, input('Silver'));
    expect(planFactsInMemory()).toBeNull();
    await planFacts();
    expect(planFactsInMemory()?.planById.get(silver.id)?.name).toBe('Silver');
  });

  it('one user’s plan is read once while the whole table is not in memory, and every change reaches it', async () => {
    const d = holder.database!.db;
    const bronze = await createPlan(d, input('Bronze'));
    expect(planFactsInMemory()).toBeNull();
    expect(await mine('user-3')).toBeNull();
    await saveUserPlan(d, 'user-3', bronze.id, 'applying', []);
    expect(await mine('user-3')).toBe('Bronze: applying');
    await quietly(sql`update plans set name = 'Bronze Not Told' where id = ${bronze.id}`);
    expect(await mine('user-3')).toBe('Bronze: applying');

    await saveDrift(d, 'user-3', [{ key: 'userQuotaGb', plan: 10, gateway: 5 }] as never);
    expect((await userPlanFacts('user-3'))?.row.drift).toHaveLength(1);
    expect(await mine('user-3')).toBe('Bronze Not Told: applying');
    await d.execute(sql`update user_plans set status = 'applied' where user_id = 'user-3'`);
    expect(await mine('user-3')).toBe('Bronze Not Told: applied');
    await d.execute(sql`update plans set name = 'Bronze II' where id = ${bronze.id}`);
    expect(await mine('user-3')).toBe('Bronze II: applied');
    await removeUserPlans(d, ['user-3']);
    expect(await mine('user-3')).toBeNull();
    // Read one by one: the whole table was never read for it.
    expect(planFactsInMemory()).toBeNull();
    // With the whole table in memory, the answer comes from it.
    await saveUserPlan(d, 'user-3', bronze.id, 'applied', []);
    await planFacts();
    await quietly(sql`update user_plans set status = 'incomplete'`);
    expect(await mine('user-3')).toBe('Bronze II: applied');
  });
});

describe('plan facts across instances on a PostgreSQL server', () => {
  const news = databaseWithNews('staas_plan_facts', holder);

  it('see this instance’s own change at once, and another instance’s as soon as the database tells', async () => {
    const d = holder.database!.db;
    const silver = await createPlan(d, input('Silver'));
    expect(await names()).toEqual(['Silver']);
    await saveUserPlan(d, 'user-2', silver.id, 'applied', []);
    expect((await onPlan('user-2'))?.planId).toBe(silver.id);

    // Another instance (another connection) renames the plan and moves the user off it.
    expect(await mine('user-2')).toBe('Silver: applied');
    await news.other().query(`update plans set name = 'Silver II'`);
    await expect.poll(() => mine('user-2')).toBe('Silver II: applied');
    await expect.poll(names).toEqual(['Silver II']);
    await news.other().query(`delete from user_plans where user_id = 'user-2'`);
    await expect.poll(() => onPlan('user-2')).toBeUndefined();

    // Kept while nothing changed.
    await news.newsSettled();
    expect(await names()).toEqual(['Silver II']);
    await quietly(sql`update plans set name = 'Not Told'`);
    expect(await names()).toEqual(['Silver II']);
  });

  it('are read from the database while the listening connection is down', async () => {
    expect(await names()).toEqual(['Silver II']);
    await news.other().query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'staas-console invalidation' and datname = current_database()`);
    await quietly(sql`update plans set name = 'While Down'`);
    await expect.poll(names).toEqual(['While Down']);
    await quietly(sql`update plans set name = 'Before Reconnecting'`);
    await expect.poll(names, { timeout: 10_000 }).toEqual(['Before Reconnecting']);
  });
});
