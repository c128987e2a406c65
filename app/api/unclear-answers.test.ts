import { describe, expect, it, vi } from 'vitest';
import { callRoute, consoleEnvironment } from '@/lib/api/testing';
import type { SessionUser } from '@/lib/auth/options';
import { testGateway } from '@/sim/testing/harness';
import * as accounts from './users/[id]/accounts/route';
import * as keys from './users/[id]/keys/route';
import * as users from './users/route';

vi.mock('@/lib/auth/session', () => ({
  currentUser: async (): Promise<SessionUser> => ({ id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Ada Admin', role: 'admin' }),
}));

const gw = testGateway();
consoleEnvironment(gw);

const fault = (service: string, fault: Record<string, unknown>) => gw.testApi('PUT', `/__sim/faults/${service}`, fault);

describe('a create whose answer is lost on the way: the console reads it back, and no secret is lost', () => {
  it.each(['malformed', 'truncate'])('a user created behind a %s answer', async (mode) => {
    const email = `half-seen-${mode}@example.com`;
    await fault('ostor-users', { mode, count: 1 });
    const response = await callRoute(users.POST, 'POST', '/api/users', {}, { email });
    const answer = await response.json();
    expect(response.status, JSON.stringify(answer)).toBe(200);
    const info = await gw.adminJson('GET', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
    expect(answer).toMatchObject({
      user: { id: info.UserId, email },
      keyPair: { accessKeyId: info.AWSAccessKeys[0].AWSAccessKeyId, secretKey: info.AWSAccessKeys[0].AWSSecretAccessKey },
      recovered: expect.stringContaining('read it back'),
    });
    // A second try would only have said "already exists": nothing to try again.
    expect((await callRoute(users.POST, 'POST', '/api/users', {}, { email })).status).toBe(409);
  });

  it('a key pair generated behind a garbled answer', async () => {
    const { id } = await gw.createUser('half-seen-key@example.com');
    // The user is read first (clean); the genKey answer is garbled.
    await fault('ostor-users', { mode: 'malformed', skip: 1, count: 1 });
    const answer = await (await callRoute(keys.POST, 'POST', `/api/users/${id}/keys`, { id })).json();
    const info = await gw.adminJson('GET', `ostor-users&id=${id}`);
    expect(info.AWSAccessKeys).toHaveLength(2);
    expect(answer).toMatchObject({ keyPair: { accessKeyId: info.AWSAccessKeys[1].AWSAccessKeyId, secretKey: info.AWSAccessKeys[1].AWSSecretAccessKey }, recovered: expect.any(String) });
  });

  it('an account created behind a cut-short answer', async () => {
    const { id } = await gw.createUser('half-seen-account@example.com');
    await fault('ostor-accounts', { mode: 'truncate', count: 1 });
    const answer = await (await callRoute(accounts.POST, 'POST', `/api/users/${id}/accounts`, { id }, { name: 'backup' })).json();
    const info = await gw.adminJson('GET', `ostor-users&id=${id}`);
    const account = info.Accounts.find((a: { Name: string }) => a.Name === 'backup');
    expect(answer).toMatchObject({ account: { name: 'backup' }, keyPair: { accessKeyId: account.AWSAccessKeys[0].AWSAccessKeyId, secretKey: account.AWSAccessKeys[0].AWSSecretAccessKey }, recovered: expect.any(String) });
  });

  it('a create that never happened keeps its error, in words', async () => {
    await fault('ostor-users', { mode: 'error', status: 503, count: 1 });
    const response = await callRoute(users.POST, 'POST', '/api/users', {}, { email: 'never-made@example.com' });
    expect(response.status).toBe(502);
    expect((await response.json()).error.message).toMatch(/temporarily unavailable/);
    expect((await gw.admin('GET', 'ostor-users&emailAddress=never-made%40example.com')).status).toBe(404);
  });
});
