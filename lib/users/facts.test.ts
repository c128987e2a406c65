import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserSummary } from '../gateway/schemas';

const firstSeen = vi.hoisted(() => vi.fn<(ids: readonly string[]) => Promise<(id: string) => string | null>>());
vi.mock('./known', () => ({ firstSeen }));
vi.mock('../plans/facts-cache', () => ({ planFacts: async () => ({ plans: [], onPlans: [] }) }));
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
