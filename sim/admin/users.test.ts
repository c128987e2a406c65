import { describe, expect, it } from 'vitest';
import { errorCode } from '../testing/client';
import { testGateway } from '../testing/harness';

const gw = testGateway();
const enc = encodeURIComponent;

describe('ostor-users', () => {
  it('creates a user with a first key pair, in the documented shape', async () => {
    const result = await gw.admin('PUT', 'ostor-users&emailAddress=create%40example.com');
    expect(result.status).toBe(200);
    const body = JSON.parse(result.text);
    expect(Object.keys(body)).toEqual(['UserEmail', 'UserId', 'AWSAccessKeys']);
    expect(body.UserEmail).toBe('create@example.com');
    expect(body.UserId).toMatch(/^[0-9a-f]{16}$/);
    expect(body.AWSAccessKeys).toHaveLength(1);
    expect(Object.keys(body.AWSAccessKeys[0])).toEqual(['AWSAccessKeyId', 'AWSSecretAccessKey']);
    expect(body.AWSAccessKeys[0].AWSAccessKeyId).toMatch(new RegExp(`^${body.UserId}[0-9A-Z]{4}$`));
    expect(body.AWSAccessKeys[0].AWSSecretAccessKey).toMatch(/^[A-Za-z0-9]{40}$/);
  });

  it('refuses a second user with the same email, whatever its case', async () => {
    await gw.createUser('twice@example.com');
    const again = await gw.admin('PUT', 'ostor-users&emailAddress=TWICE%40example.com');
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('UserAlreadyExists');
  });

  it('keeps + and & in an email intact when they are percent-encoded', async () => {
    const email = 'plus+amp&x@example.com';
    const { id } = await gw.createUser(email);
    const info = await gw.adminJson('GET', `ostor-users&emailAddress=${enc(email)}`);
    expect(info.UserEmail).toBe(email);
    expect(info.UserId).toBe(id);
  });

  it('lists every user as an array of {UserEmail, UserId, State, OwnerId}', async () => {
    const { id } = await gw.createUser('listed@example.com');
    const list = await gw.adminJson('GET', 'ostor-users');
    expect(Array.isArray(list)).toBe(true);
    const entry = list.find((u: { UserId: string }) => u.UserId === id);
    expect(entry).toEqual({ UserEmail: 'listed@example.com', UserId: id, State: 'enabled', OwnerId: '0000000000000000' });
    expect(Object.keys(entry)).toEqual(['UserEmail', 'UserId', 'State', 'OwnerId']);
    expect(list.some((u: { UserId: string }) => u.UserId === gw.sim.systemKey.id.slice(0, 16))).toBe(true);
  });

  it('queries one user by email or by id, with keys and accounts', async () => {
    const { id, key } = await gw.createUser('query@example.com');
    await gw.adminJson('POST', 'ostor-accounts&emailAddress=query%40example.com&accountName=acc1');
    const byEmail = await gw.adminJson('GET', 'ostor-users&emailAddress=query%40example.com');
    const byId = await gw.adminJson('GET', `ostor-users&id=${id}`);
    expect(byId).toEqual(byEmail);
    expect(Object.keys(byEmail)).toEqual(['UserEmail', 'UserId', 'State', 'OwnerId', 'Flags', 'AWSAccessKeys', 'AccountCount', 'Accounts']);
    expect(byEmail.Flags).toEqual([]);
    expect(byEmail.AWSAccessKeys).toEqual([{ AWSAccessKeyId: key.id, AWSSecretAccessKey: key.secret }]);
    expect(byEmail.AccountCount).toBe('1');
    expect(byEmail.Accounts[0].Name).toBe('acc1');
    expect(Object.keys(byEmail.Accounts[0])).toEqual(['Name', 'AWSAccessKeys']);
  });

  it('refuses a query naming both email and id, and answers 404 for an unknown user', async () => {
    const both = await gw.admin('GET', 'ostor-users&emailAddress=query%40example.com&id=0123456789abcdef');
    expect(both.status).toBe(400);
    const missing = await gw.admin('GET', 'ostor-users&emailAddress=nobody%40example.com');
    expect(missing.status).toBe(404);
    expect(errorCode(missing)).toBe('NoSuchUser');
  });

  it('disables and enables a user; a disabled user cannot use S3', async () => {
    const { key } = await gw.createUser('toggle@example.com');
    expect((await gw.as(key, 'GET', '/')).status).toBe(200);
    const disable = await gw.admin('POST', 'ostor-users&emailAddress=toggle%40example.com&disable');
    expect(disable.status).toBe(200);
    expect(disable.text).toBe('');
    expect((await gw.adminJson('GET', 'ostor-users&emailAddress=toggle%40example.com')).State).toBe('disabled');
    const refused = await gw.as(key, 'GET', '/');
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe('AccessDenied');
    await gw.admin('POST', 'ostor-users&emailAddress=toggle%40example.com&enable');
    expect((await gw.adminJson('GET', 'ostor-users&emailAddress=toggle%40example.com')).State).toBe('enabled');
    expect((await gw.as(key, 'GET', '/')).status).toBe(200);
  });

  it('generates a second key pair, refuses a third, and revokes one', async () => {
    const { id, key } = await gw.createUser('keys@example.com');
    const second = await gw.adminJson('POST', 'ostor-users&emailAddress=keys%40example.com&genKey');
    expect(Object.keys(second)).toEqual(['UserEmail', 'UserId', 'AWSAccessKeys']);
    expect(second.UserId).toBe(id);
    expect(second.AWSAccessKeys).toHaveLength(1);
    const newKey = second.AWSAccessKeys[0];
    expect(newKey.AWSAccessKeyId).not.toBe(key.id);
    const third = await gw.admin('POST', 'ostor-users&emailAddress=keys%40example.com&genKey');
    expect(third.status).toBe(409);
    expect(errorCode(third)).toBe('TooManyAccessKeys');
    const revoke = await gw.admin('POST', `ostor-users&emailAddress=keys%40example.com&revokeKey=${key.id}`);
    expect(revoke.status).toBe(200);
    const info = await gw.adminJson('GET', 'ostor-users&emailAddress=keys%40example.com');
    expect(info.AWSAccessKeys.map((k: { AWSAccessKeyId: string }) => k.AWSAccessKeyId)).toEqual([newKey.AWSAccessKeyId]);
    const revoked = await gw.as(key, 'GET', '/');
    expect(revoked.status).toBe(403);
    expect(errorCode(revoked)).toBe('InvalidAccessKeyId');
  });

  it('refuses to revoke a key that is not the user’s', async () => {
    await gw.createUser('mine@example.com');
    const other = await gw.createUser('theirs@example.com');
    const result = await gw.admin('POST', `ostor-users&emailAddress=mine%40example.com&revokeKey=${other.key.id}`);
    expect(result.status).toBe(404);
    expect((await gw.as(other.key, 'GET', '/')).status).toBe(200);
  });

  it('generates and revokes an account’s key pairs, two at most', async () => {
    await gw.createUser('acckeys@example.com');
    const created = await gw.adminJson('PUT', 'ostor-accounts&emailAddress=acckeys%40example.com&accountName=ops');
    const first = created.AWSAccessKeys[0].AWSAccessKeyId;
    const gen = await gw.adminJson('POST', 'ostor-users&emailAddress=acckeys%40example.com&accountName=ops&genKey');
    expect(Object.keys(gen)).toEqual(['UserEmail', 'UserId', 'AWSAccessKeys']);
    const third = await gw.admin('POST', 'ostor-users&emailAddress=acckeys%40example.com&accountName=ops&genKey');
    expect(third.status).toBe(409);
    expect(errorCode(third)).toBe('TooManyAccessKeys');
    const revoke = await gw.admin('POST', `ostor-users&emailAddress=acckeys%40example.com&accountName=ops&revokeKey=${first}`);
    expect(revoke.status).toBe(200);
    const info = await gw.adminJson('GET', 'ostor-users&emailAddress=acckeys%40example.com');
    expect(info.Accounts[0].AWSAccessKeys.map((k: { AWSAccessKeyId: string }) => k.AWSAccessKeyId)).toEqual([gen.AWSAccessKeys[0].AWSAccessKeyId]);
    expect(info.AWSAccessKeys).toHaveLength(1);
    const unknown = await gw.admin('POST', 'ostor-users&emailAddress=acckeys%40example.com&accountName=nope&genKey');
    expect(errorCode(unknown)).toBe('NoSuchAccount');
  });

  it('deletes a user only once it owns no buckets', async () => {
    const { key } = await gw.createUser('leaving@example.com');
    expect((await gw.as(key, 'PUT', '/leaving-bucket')).status).toBe(200);
    const refused = await gw.admin('DELETE', 'ostor-users&emailAddress=leaving%40example.com');
    expect(refused.status).toBe(409);
    expect(errorCode(refused)).toBe('UserHasBuckets');
    expect(refused.headers['x-amz-err-message']).toMatch(/owns 1 bucket/);
    expect((await gw.as(key, 'DELETE', '/leaving-bucket')).status).toBe(204);
    const deleted = await gw.admin('DELETE', 'ostor-users&emailAddress=leaving%40example.com');
    expect(deleted.status).toBe(204);
    expect((await gw.admin('GET', 'ostor-users&emailAddress=leaving%40example.com')).status).toBe(404);
    expect(errorCode(await gw.as(key, 'GET', '/'))).toBe('InvalidAccessKeyId');
  });

  it('does not let the system user be changed through the API', async () => {
    const list = await gw.adminJson('GET', 'ostor-users');
    const system = list.find((u: { UserId: string }) => u.UserId === gw.sim.systemKey.id.slice(0, 16));
    const result = await gw.admin('POST', `ostor-users&emailAddress=${enc(system.UserEmail)}&disable`);
    expect(result.status).toBe(403);
    expect((await gw.admin('GET', 'ostor-users')).status).toBe(200);
  });
});
