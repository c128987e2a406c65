import { afterEach, describe, expect, it, vi } from 'vitest';

const gateway = vi.hoisted(() => ({ calls: 0, users: [] as { UserEmail: string; UserId: string; State: 'enabled' }[], fail: false }));
vi.mock('../gateway/users', () => ({
  listUsers: async () => {
    gateway.calls += 1;
    if (gateway.fail) throw new Error('gateway down');
    return gateway.users.map((u) => ({ ...u }));
  },
}));

const { cachedUserList, emailsById, invalidateUserList, USER_LIST_TTL_MS } = await import('./list-cache');

afterEach(() => vi.useRealTimers());

describe('the cached user list', () => {
  it('is fetched once, reused, served stale while a fresh one comes, and refetched after a change', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-29T10:00:00Z'));
    gateway.users = [{ UserEmail: 'b@x.io', UserId: '2', State: 'enabled' }, { UserEmail: 'a@x.io', UserId: '1', State: 'enabled' }];
    invalidateUserList();
    const first = await cachedUserList();
    expect(first.users.map((u) => u.UserEmail)).toEqual(['a@x.io', 'b@x.io']);
    expect(gateway.calls).toBe(1);
    await cachedUserList();
    expect(gateway.calls).toBe(1);

    gateway.users.push({ UserEmail: 'c@x.io', UserId: '3', State: 'enabled' });
    vi.setSystemTime(Date.now() + USER_LIST_TTL_MS + 1);
    const stale = await cachedUserList();
    expect(stale.users).toHaveLength(2);
    expect(gateway.calls).toBe(2);
    await vi.waitFor(async () => expect((await cachedUserList()).users).toHaveLength(3));

    gateway.fail = true;
    vi.setSystemTime(Date.now() + USER_LIST_TTL_MS + 1);
    expect((await cachedUserList()).users).toHaveLength(3);
    await expect(cachedUserList(true)).rejects.toThrow('gateway down');
    gateway.fail = false;

    invalidateUserList();
    gateway.users.pop();
    expect((await cachedUserList()).users).toHaveLength(2);
  });
});

describe('emails by user id', () => {
  it('are indexed once per list read, and a list read afresh gets its own index', async () => {
    gateway.users = [{ UserEmail: 'b@x.io', UserId: '2', State: 'enabled' }, { UserEmail: 'a@x.io', UserId: '1', State: 'enabled' }];
    invalidateUserList();
    const { users } = await cachedUserList();
    const index = emailsById(users);
    expect([...index]).toEqual([['1', 'a@x.io'], ['2', 'b@x.io']]);
    expect(emailsById((await cachedUserList()).users)).toBe(index);

    gateway.users.push({ UserEmail: 'c@x.io', UserId: '3', State: 'enabled' });
    invalidateUserList();
    const fresh = emailsById((await cachedUserList()).users);
    expect(fresh).not.toBe(index);
    expect(fresh.get('3')).toBe('c@x.io');
    expect(index.has('3')).toBe(false);
  });
});

