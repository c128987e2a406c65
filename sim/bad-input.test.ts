import { beforeAll, describe, expect, it } from 'vitest';
import { errorCode, type CallResult } from './testing/client';
import { testGateway } from './testing/harness';

const gw = testGateway();

function expectS3Error(result: CallResult, status: number, code?: string) {
  expect(result.status).toBe(status);
  expect(result.headers['content-type']).toBe('application/xml');
  expect(result.text).toMatch(/<Error><Code>[A-Za-z]+<\/Code><Message>[^<]+<\/Message>/);
  expect(result.headers['x-amz-err-message']).toBeTruthy();
  if (code) expect(errorCode(result)).toBe(code);
}

/** Everything an admin can read back: bad input must leave all of it as it was. */
async function everything() {
  return {
    users: await gw.adminJson('GET', 'ostor-users'),
    user: await gw.adminJson('GET', 'ostor-users&emailAddress=fixture%40example.com'),
    buckets: (await gw.adminJson('GET', 'ostor-buckets')).Buckets.map((b: { name: string }) => b.name),
    limits: await gw.adminJson('GET', 'ostor-limits&emailAddress=fixture%40example.com'),
    bucketLimits: await gw.adminJson('GET', 'ostor-limits&bucket=fixture-bucket'),
    quota: await gw.adminJson('GET', 'ostor-quotas&emailAddress=fixture%40example.com'),
    defaultQuota: await gw.adminJson('GET', 'ostor-quotas&default=user'),
    usage: await gw.adminJson('GET', 'ostor-usage'),
  };
}

const BAD: [string, string, number, string][] = [
  ['malformed percent-encoding', 'PUT', 400, 'ostor-users&emailAddress=bad%zzexample.com'],
  ['an empty query element', 'GET', 400, 'ostor-users&&emailAddress=fixture%40example.com'],
  ['an unknown service', 'GET', 400, 'ostor-nothing'],
  ['a service with a value', 'GET', 400, 'ostor-users=1'],
  ['an unknown parameter', 'GET', 400, 'ostor-users&emailAddress=fixture%40example.com&colour=red'],
  ['a doubled parameter', 'PUT', 400, 'ostor-users&emailAddress=a%40example.com&emailAddress=b%40example.com'],
  ['a missing email', 'PUT', 400, 'ostor-users'],
  ['an empty email', 'PUT', 400, 'ostor-users&emailAddress='],
  ['an invalid email', 'PUT', 400, 'ostor-users&emailAddress=not-an-email'],
  ['an email with spaces', 'PUT', 400, 'ostor-users&emailAddress=a%20b%40example.com'],
  ['two POST actions at once', 'POST', 400, 'ostor-users&emailAddress=fixture%40example.com&disable&enable'],
  ['a POST with no action', 'POST', 400, 'ostor-users&emailAddress=fixture%40example.com'],
  ['a flag with a value', 'POST', 400, 'ostor-users&emailAddress=fixture%40example.com&disable=yes'],
  ['an unsupported method', 'PATCH', 405, 'ostor-users'],
  ['an invalid account name', 'PUT', 400, 'ostor-accounts&emailAddress=fixture%40example.com&accountName=no%20spaces'],
  ['an account without a name', 'PUT', 400, 'ostor-accounts&emailAddress=fixture%40example.com'],
  ['a negative ops limit', 'PUT', 400, 'ostor-limits&emailAddress=fixture%40example.com&limit-type=ops&limit-resource=get&limit-value=-1'],
  ['a non-numeric ops limit', 'PUT', 400, 'ostor-limits&emailAddress=fixture%40example.com&limit-type=ops&limit-resource=get&limit-value=fast'],
  ['an unknown ops class', 'PUT', 400, 'ostor-limits&emailAddress=fixture%40example.com&limit-type=ops&limit-resource=head&limit-value=5'],
  ['an unknown limit type', 'PUT', 400, 'ostor-limits&emailAddress=fixture%40example.com&limit-type=iops&limit-resource=get&limit-value=5'],
  ['a fractional bandwidth', 'PUT', 400, 'ostor-limits&emailAddress=fixture%40example.com&limit-type=bandwidth&limit-resource=out&limit-value=1.5'],
  ['an absurd limit', 'PUT', 400, 'ostor-limits&emailAddress=fixture%40example.com&limit-type=ops&limit-resource=get&limit-value=999999999999'],
  ['a limit for both a user and a bucket', 'PUT', 400, 'ostor-limits&emailAddress=fixture%40example.com&bucket=fixture-bucket&limit-type=ops&limit-resource=get&limit-value=5'],
  ['a limit for nobody', 'PUT', 400, 'ostor-limits&limit-type=ops&limit-resource=get&limit-value=5'],
  ['both limit forms at once', 'PUT', 400, 'ostor-limits&emailAddress=fixture%40example.com&limit-type=ops&limit-resource=get&limit-value=5&ops&get=6'],
  ['a negative quota', 'PUT', 400, 'ostor-quotas&emailAddress=fixture%40example.com&quota-size=-5'],
  ['a non-numeric quota', 'PUT', 400, 'ostor-quotas&emailAddress=fixture%40example.com&quota-size=lots'],
  ['a fractional quota', 'PUT', 400, 'ostor-quotas&emailAddress=fixture%40example.com&quota-size=1.5'],
  ['a quota with no size', 'PUT', 400, 'ostor-quotas&emailAddress=fixture%40example.com'],
  ['an unknown default quota', 'PUT', 400, 'ostor-quotas&default=account&quota-size=5'],
  ['a limit on an invalid bucket name', 'GET', 404, 'ostor-limits&bucket=Not_A_Bucket'],
  ['usage paging past its bound', 'GET', 400, 'ostor-usage&limit=100000'],
  ['usage paging by zero', 'GET', 400, 'ostor-usage&limit=0'],
  ['a usage object and paging at once', 'GET', 400, 'ostor-usage&obj=x&limit=3'],
  ['buckets by user and by name at once', 'GET', 400, 'ostor-buckets&emailAddress=fixture%40example.com&bucket=fixture-bucket'],
];

describe('bad input', () => {
  // The state bad input must leave as it is: a user with a bucket, a limit and a quota (checked here, not assumed).
  beforeAll(async () => {
    const { key } = await gw.createUser('fixture@example.com');
    expect((await gw.as(key, 'PUT', '/fixture-bucket')).status).toBe(200);
    expect((await gw.admin('PUT', 'ostor-limits&emailAddress=fixture%40example.com&limit-type=ops&limit-resource=get&limit-value=50')).status).toBe(200);
    expect((await gw.admin('PUT', 'ostor-quotas&emailAddress=fixture%40example.com&quota-size=10')).status).toBe(200);
    const state = await everything();
    expect(state).toMatchObject({ buckets: ['fixture-bucket'], limits: { 'ops:get': '50.00' }, quota: { size: '10' } });
  });

  // Signed as the vendor guide's bash example signs (the service name only), so that the gateway, not
  // the test's own signer, is what judges the malformed query.
  it.each(BAD)('%s: a 4xx with an S3 XML error, and nothing changes', async (_what, method, status, query) => {
    const before = await everything();
    expectS3Error(await gw.admin(method, query, { style: 'v2-bash' }), status);
    expect(await everything()).toEqual(before);
  });

  it.each([
    ['not JSON', 'bk1, bk2', 'MalformedJSON'],
    ['JSON but not a list of names', '{"names": ["a"]}', 'MalformedJSON'],
    ['a list with a number', '["fixture-bucket", 5]', 'MalformedJSON'],
    ['an oversized body', JSON.stringify(Array.from({ length: 80_000 }, (_, i) => `bucket-number-${i}`)), 'EntityTooLarge'],
  ])('multi with %s is refused', async (_what, body, code) => {
    const before = await everything();
    expectS3Error(await gw.admin('GET', 'ostor-buckets&multi', { body }), 400, code);
    expect(await everything()).toEqual(before);
  });

  it.each([
    ['too short', 'ab'],
    ['upper case', 'MyBucket'],
    ['an underscore', 'my_bucket'],
    ['an IP address', '192.168.1.10'],
    ['two dots', 'my..bucket'],
    ['a trailing hyphen', 'bucket-'],
    ['too long', 'b'.repeat(64)],
  ])('a bucket name with %s is refused with InvalidBucketName', async (_what, name) => {
    const { key } = await gw.createUser(`names-${name.length}-${name.charCodeAt(0)}@example.com`).catch(() => ({ key: gw.sim.systemKey }));
    const before = (await gw.adminJson('GET', 'ostor-buckets')).Buckets.length;
    expectS3Error(await gw.as(key, 'PUT', `/${name}`), 400, 'InvalidBucketName');
    expect((await gw.adminJson('GET', 'ostor-buckets')).Buckets.length).toBe(before);
  });

  it('refuses a bad Content-MD5 and stores nothing', async () => {
    const user = await gw.createUser('md5@example.com');
    await gw.as(user.key, 'PUT', '/md5-bucket');
    const result = await gw.as(user.key, 'PUT', '/md5-bucket/x', { body: 'data', headers: { 'content-md5': Buffer.alloc(16).toString('base64') } });
    expectS3Error(result, 400, 'BadDigest');
    expect((await gw.as(user.key, 'GET', '/md5-bucket/x')).status).toBe(404);
  });
});
