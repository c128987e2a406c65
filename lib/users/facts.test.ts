import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserSummary } from '../gateway/schemas';
import type { UserPlanRow } from '../db/schema';
import type { PlanFacts } from '../plans/facts-cache';

const firstSeen = vi.hoisted(() => vi.fn<(ids: readonly string[]) => Promise<(id: string) => string | null>>());
vi.mock('./known', () => ({ firstSeen }));
const plans = vi.hoisted(() => ({ current: { plans: [], onPlans: [], planById: new Map(), byUser: new Map() } as unknown }));
vi.mock('../plans/facts-cache', async (original) => ({ ...(await original<typeof import('../plans/facts-cache')>()), planFacts: async () => plans.current }));
vi.mock('../buckets/list-cache', () => ({ peekBucketList: () => null, cachedBucketList: async () => ({ list: null }) }));

const { userFacts } = await import('./facts');

const list = (n: number): UserSummary[] => Array.from({ length: n }, (_, i) => ({ UserId: `id-${i}`, UserEmail: `u${i}@example.com`, State: 'enabled' }));

beforeEach(() => {
  firstSeen.mockReset();
});

describe('the first-seen dates behind the users list', () => {
  it('notes a list read from the gateway once, and every page of it reads the same dates', async () => {
    firstSeen.mockImplementation(async (ids) => (id) => (ids.includes(id) ? '2026-01-02T03:04:05.000Z' : null));
    const users = list(3);
    const [first, second] = await Promise.all([userFacts(users, 'peek'), userFacts(users, 'peek')]);
    const third = await userFacts(users, 'peek');
    expect(firstSeen).toHaveBeenCalledTimes(1);
    expect(firstSeen).toHaveBeenCalledWith(['id-0', 'id-1', 'id-2']);
    for (const facts of [first, second, third]) expect(facts.addedAt('id-2')).toBe('2026-01-02T03:04:05.000Z');

    // A list read afresh is a new look.
    await userFacts(list(4), 'peek');
    expect(firstSeen).toHaveBeenCalledTimes(2);
    expect(firstSeen).toHaveBeenLastCalledWith(['id-0', 'id-1', 'id-2', 'id-3']);
  });

  it('tries again on the next look when the dates could not be read', async () => {
    const users = list(2);
    firstSeen.mockRejectedValueOnce(new Error('database unavailable'));
    await expect(userFacts(users, 'peek')).rejects.toThrow('database unavailable');
    firstSeen.mockImplementation(async () => () => '2026-01-02T03:04:05.000Z');
    expect((await userFacts(users, 'peek')).addedAt('id-1')).toBe('2026-01-02T03:04:05.000Z');
    expect(firstSeen).toHaveBeenCalledTimes(2);
  });
});

describe('the plans behind the users list', () => {
  const plan = (id: string, name: string) => ({ id, name }) as PlanFacts['plans'][number];
  const row = (userId: string, planId: string, status: string, drift: unknown[] | null) => ({ userId, planId, status, drift }) as unknown as UserPlanRow;
  const factsOf = (planList: PlanFacts['plans'], rows: UserPlanRow[]): PlanFacts => ({
    plans: planList,
    onPlans: rows,
    planById: new Map(planList.map((p) => [p.id, p])),
    byUser: new Map(rows.map((r) => [r.userId, r])),
  });

  it('shows each user’s plan and how it stands, from the facts kept in memory', async () => {
    firstSeen.mockImplementation(async () => () => null);
    const facts = factsOf([plan('p1', 'Basic'), plan('p2', 'Pro')], [
      row('id-0', 'p1', 'applied', []),
      row('id-1', 'p2', 'applied', [{ setting: 'quota' }]),
      row('id-2', 'p2', 'failed', null),
      row('id-3', 'p1', 'applied', null),
      row('id-4', 'gone', 'applied', []),
    ]);
    plans.current = facts;
    const users = list(6);
    const shown = await userFacts(users, 'peek');
    expect(users.map((u) => shown.plan(u.UserId))).toEqual([
      { id: 'p1', name: 'Basic', state: 'in-sync' },
      { id: 'p2', name: 'Pro', state: 'drifted' },
      { id: 'p2', name: 'Pro', state: 'incomplete' },
      { id: 'p1', name: 'Basic', state: 'unchecked' },
      null,
      null,
    ]);
    // A page asked again reads what the first made: one view per plan and state, shared by its users.
    expect((await userFacts(users, 'peek')).plan('id-1')).toBe(shown.plan('id-1'));
    expect(shown.plan('id-3')).not.toBe(shown.plan('id-0'));
    plans.current = { ...facts, byUser: new Map([...facts.byUser, ['id-5', row('id-5', 'p1', 'applied', [])]]) };
    const more = await userFacts(users, 'peek');
    expect(more.plan('id-5')).toEqual({ id: 'p1', name: 'Basic', state: 'in-sync' });
    plans.current = facts;
    expect((await userFacts(users, 'peek')).plan('id-5')).toBeNull();

    // Facts read afresh (a plan changed) are shown as they now stand.
    plans.current = factsOf([plan('p1', 'Basic, renamed')], [row('id-1', 'p1', 'applied', [])]);
    const after = await userFacts(users, 'peek');
    expect(after.plan('id-1')).toEqual({ id: 'p1', name: 'Basic, renamed', state: 'in-sync' });
    expect(after.plan('id-0')).toBeNull();
  });
});

