import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleEnvironment } from '../api/testing';
import { testGateway } from '@/sim/testing/harness';
import { ACCESS_TTL_MS, customerAccess, forgetCustomerAccess } from './customer-access';

const gw = testGateway();
consoleEnvironment(gw);

afterEach(() => vi.useRealTimers());

describe('whether a customer’s session may go on', () => {
  it('follows the key pair: revoked on the gateway, the session ends within 30 seconds (at once after a change made here)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { id, key } = await gw.createUser('session@example.com');
    expect((await customerAccess(id, key.id)).state).toBe('active');
    await gw.adminJson('POST', 'ostor-users&emailAddress=session%40example.com&genKey');
    await gw.admin('POST', `ostor-users&emailAddress=session%40example.com&revokeKey=${key.id}`);
    // Asked again only once the answer is 30 seconds old.
    expect((await customerAccess(id, key.id)).state).toBe('active');
    vi.setSystemTime(Date.now() + ACCESS_TTL_MS + 1);
    expect(await customerAccess(id, key.id)).toMatchObject({ state: 'gone', why: expect.stringContaining('revoked') });

    const other = await gw.createUser('changed-here@example.com');
    expect((await customerAccess(other.id, other.key.id)).state).toBe('active');
    await gw.admin('POST', 'ostor-users&emailAddress=changed-here%40example.com&disable');
    forgetCustomerAccess(other.id);
    expect((await customerAccess(other.id, other.key.id)).state).toBe('suspended');
  });

  it('ends the session when the user is deleted', async () => {
    const { id, key } = await gw.createUser('deleted@example.com');
    expect((await customerAccess(id, key.id)).state).toBe('active');
    await gw.admin('DELETE', 'ostor-users&emailAddress=deleted%40example.com');
    expect(await customerAccess(id, key.id, { fresh: true })).toMatchObject({ state: 'gone', why: 'The storage user no longer exists.' });
  });

  it('never lets an account’s key stand for the whole user, nor the system user sign in', async () => {
    const { id } = await gw.createUser('parent@example.com');
    const account = await gw.adminJson('PUT', 'ostor-accounts&emailAddress=parent%40example.com&accountName=backup-job');
    const accountKey = account.AWSAccessKeys[0].AWSAccessKeyId;
    expect(await customerAccess(id, accountKey, { fresh: true })).toMatchObject({ state: 'gone', why: expect.stringContaining('account “backup-job”') });
    const system = await gw.adminJson('GET', 'ostor-users&emailAddress=system%40gateway.local');
    expect(await customerAccess(system.UserId, gw.sim.systemKey.id, { fresh: true })).toMatchObject({ state: 'gone', why: expect.stringContaining('system user') });
  });

  it('keeps the session when the gateway cannot say (every data route will report the outage itself)', async () => {
    const { id, key } = await gw.createUser('outage@example.com');
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'error', status: 500 });
    try {
      expect((await customerAccess(id, key.id, { fresh: true })).state).toBe('unknown');
    } finally {
      await gw.testApi('DELETE', '/__sim/faults/ostor-users');
    }
    expect((await customerAccess(id, key.id)).state).toBe('active');
  });
});
