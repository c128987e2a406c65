import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../db/client';
import { staff } from '../db/schema';
import { databaseWithNews } from '../cache/testing';

/**
 * The staff accounts sessions are checked against, kept in memory: every change reaches the
 * check at once on the instance that made it and, through the database, on every other — and
 * without news, nothing is kept.
 */

const holder = vi.hoisted(() => ({ database: null as Database | null }));
vi.mock('../db', () => ({ db: async () => holder.database!.db }));

const { staffForSession, forgetStaff } = await import('./staff-sessions');
const { startInvalidationListener, stopInvalidationListener } = await import('../cache/invalidation');
const { updateStaff } = await import('../staff/store');
const { upsertStaff, findStaffByEmail } = await import('./staff');

async function account(email: string): Promise<string> {
  await upsertStaff(holder.database!.db, { email, name: 'Ada', role: 'admin', password: 'a long password here' });
  return (await findStaffByEmail(holder.database!.db, email))!.id;
}

/** A change the cache is not told of (the trigger switched off): to see whether a check reads the database. */
async function quietly(id: string, name: string): Promise<void> {
  const d = holder.database!.db;
  await d.execute(sql`alter table staff disable trigger staff_changed`);
  await d.update(staff).set({ name }).where(eq(staff.id, id));
  await d.execute(sql`alter table staff enable trigger staff_changed`);
}

describe('staff session checks on the embedded database', () => {
  beforeAll(async () => {
    holder.database = await openDatabase({ dataDir: null });
  });
  afterAll(async () => {
    await stopInvalidationListener();
    await holder.database?.close();
  });

  it('read the database every time while no news can arrive', async () => {
    const id = await account('quiet@example.com');
    expect((await staffForSession(id))?.name).toBe('Ada');
    await quietly(id, 'Ada Renamed');
    expect((await staffForSession(id))?.name).toBe('Ada Renamed');
  });

  it('are kept once news arrives, and any change to the row — the console’s, a command’s, plain SQL — is seen by the very next check', async () => {
    await startInvalidationListener(holder.database!);
    const id = await account('kept@example.com');
    expect((await staffForSession(id))?.disabledAt).toBeNull();
    await quietly(id, 'Not Told');
    expect((await staffForSession(id))?.name).toBe('Ada');

    await holder.database!.db.update(staff).set({ disabledAt: new Date() }).where(eq(staff.id, id));
    expect((await staffForSession(id))?.disabledAt).toBeInstanceOf(Date);
    await updateStaff(holder.database!.db, id, { disabled: false, role: 'support' });
    expect(await staffForSession(id)).toMatchObject({ role: 'support', disabledAt: null, name: 'Not Told' });
    await upsertStaff(holder.database!.db, { email: 'kept@example.com', name: 'Reset By Command', role: 'admin', password: 'another long password' }, { reset: true });
    expect(await staffForSession(id)).toMatchObject({ role: 'admin', name: 'Reset By Command' });
    await holder.database!.db.delete(staff).where(eq(staff.id, id));
    expect(await staffForSession(id)).toBeUndefined();
    expect(await staffForSession('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});

describe('staff session checks across instances on a PostgreSQL server', () => {
  const news = databaseWithNews('staas_staff_sessions', holder);

  it('see this instance’s own change at once, and another instance’s or a command’s as soon as the database tells', async () => {
    const id = await account('server@example.com');
    expect((await staffForSession(id))?.role).toBe('admin');
    await updateStaff(holder.database!.db, id, { role: 'support' });
    expect((await staffForSession(id))?.role).toBe('support');

    // Another instance (another connection) revokes the sessions.
    const revokedAt = new Date(Date.now() + 1000);
    await news.other().query('update staff set sessions_valid_after = $1 where id = $2', [revokedAt, id]);
    await expect.poll(async () => (await staffForSession(id))?.sessionsValidAfter.getTime()).toBe(revokedAt.getTime());
    await news.other().query('update staff set disabled_at = now() where id = $1', [id]);
    await expect.poll(async () => (await staffForSession(id))?.disabledAt).not.toBeNull();

    // Kept while nothing changed; forgotten on demand.
    await news.newsSettled();
    expect((await staffForSession(id))?.name).toBe('Ada');
    await quietly(id, 'Not Told');
    expect((await staffForSession(id))?.name).toBe('Ada');
    forgetStaff(id);
    expect((await staffForSession(id))?.name).toBe('Not Told');
  });

  it('read the database while the listening connection is down, and forget everything once it is back', async () => {
    const id = await account('lost@example.com');
    expect((await staffForSession(id))?.name).toBe('Ada');
    await news.other().query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'staas-console invalidation' and datname = current_database()`);
    // While it is down, a change nobody is told of is still seen: nothing is served from memory.
    await quietly(id, 'While Down');
    await expect.poll(async () => (await staffForSession(id))?.name).toBe('While Down');
    await quietly(id, 'Before Reconnecting');
    await expect.poll(async () => (await staffForSession(id))?.name, { timeout: 10_000 }).toBe('Before Reconnecting');
  });
});
