import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UserInfo } from '../gateway/schemas';

/** The session check's logic, with the gateway stubbed: which answer means what, and how long it is kept. */

const gateway = vi.hoisted(() => ({ calls: 0, users: new Map<string, UserInfo>() }));
vi.mock('../gateway/users', async () => {
  const { GatewayError } = await import('../gateway/errors');
  return {
    getUserById: async (id: string) => {
      gateway.calls += 1;
      const user = gateway.users.get(id);
      if (!user) throw new GatewayError('refused', 'There is no such user on the gateway.', 404, 'NoSuchUser');
      return structuredClone(user);
    },
  };
});

const { ACCESS_TTL_MS, CACHE_LIMIT, customerAccess, judgeAccess } = await import('./customer-access');
const { invalidate } = await import('../cache/invalidation');

const key = (id: string) => ({ AWSAccessKeyId: id, AWSSecretAccessKey: 's' });
const user = (id: string, over: Partial<UserInfo> = {}): UserInfo => ({ UserEmail: `${id}@x.io`, UserId: id, State: 'enabled', Flags: [], AWSAccessKeys: [key(`${id}K1`), key(`${id}K2`)], Accounts: [], ...over });

afterEach(() => vi.useRealTimers());

describe('judging a customer’s session', () => {
  it('either of the user’s two key pairs signs in; an account’s never; a system user never', () => {
    const info = user('u1', { Accounts: [{ Name: 'job', AWSAccessKeys: [key('A1'), key('A2')] }] });
    expect(judgeAccess(info, 'u1K1').state).toBe('active');
    expect(judgeAccess(info, 'u1K2').state).toBe('active');
    expect(judgeAccess(info, 'A2')).toEqual({ state: 'gone', why: expect.stringContaining('account “job”') });
    expect(judgeAccess(info, 'nope')).toEqual({ state: 'gone', why: 'The key pair this session signed in with has been revoked.' });
    expect(judgeAccess({ ...info, Flags: ['system'] }, 'u1K1')).toEqual({ state: 'gone', why: 'The gateway’s system user cannot sign in as a customer.' });
    expect(judgeAccess({ ...info, State: 'disabled' }, 'u1K1').state).toBe('suspended');
    expect(judgeAccess(null, 'u1K1')).toEqual({ state: 'gone', why: 'The storage user no longer exists.' });
  });

  it('asks the gateway again once the answer is 30 seconds old, not before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    gateway.users.set('ttl', user('ttl'));
    const before = gateway.calls;
    await customerAccess('ttl', 'ttlK1');
    vi.setSystemTime(Date.now() + ACCESS_TTL_MS - 1);
    await customerAccess('ttl', 'ttlK1');
    expect(gateway.calls - before).toBe(1);
    vi.setSystemTime(Date.now() + 1);
    await customerAccess('ttl', 'ttlK1');
    expect(gateway.calls - before).toBe(2);
  });

  it('forgets a user when told (by this or another instance), and everyone on "*"', async () => {
    gateway.users.set('told', user('told'));
    gateway.users.set('other', user('other'));
    await customerAccess('told', 'toldK1');
    await customerAccess('other', 'otherK1');
    const before = gateway.calls;
    await invalidate('customer:told');
    await customerAccess('told', 'toldK1');
    await customerAccess('other', 'otherK1');
    expect(gateway.calls - before).toBe(1);
    await invalidate('list:users');
    await customerAccess('other', 'otherK1');
    expect(gateway.calls - before).toBe(1);
    await invalidate('*');
    await customerAccess('told', 'toldK1');
    await customerAccess('other', 'otherK1');
    expect(gateway.calls - before).toBe(3);
  });

  it('keeps at most CACHE_LIMIT users, dropping the oldest first', async () => {
    for (let i = 0; i <= CACHE_LIMIT; i++) gateway.users.set(`many${i}`, user(`many${i}`));
    for (let i = 0; i <= CACHE_LIMIT; i++) await customerAccess(`many${i}`, `many${i}K1`);
    const before = gateway.calls;
    await customerAccess(`many${CACHE_LIMIT}`, `many${CACHE_LIMIT}K1`);
    await customerAccess('many1', 'many1K1');
    expect(gateway.calls - before).toBe(0);
    await customerAccess('many0', 'many0K1');
    expect(gateway.calls - before).toBe(1);
  });
});
