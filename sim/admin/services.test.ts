import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../testing/client';
import { testGateway } from '../testing/harness';
import { sdkClient } from '../testing/sdk';

const gw = testGateway();

describe('ostor-accounts', () => {
  it('creates with PUT or POST, refuses a duplicate, deletes, and the account key signs as the user', async () => {
    const { id } = await gw.createUser('accounts@example.com');
    const put = await gw.adminJson('PUT', 'ostor-accounts&emailAddress=accounts%40example.com&accountName=one');
    expect(Object.keys(put)).toEqual(['Name', 'AWSAccessKeys']);
    expect(put.Name).toBe('one');
    expect(put.AWSAccessKeys[0].AWSAccessKeyId.slice(0, 16)).toBe(id);
    const post = await gw.adminJson('POST', 'ostor-accounts&emailAddress=accounts%40example.com&accountName=two');
    expect(post.Name).toBe('two');
    const dup = await gw.admin('PUT', 'ostor-accounts&emailAddress=accounts%40example.com&accountName=one');
    expect(dup.status).toBe(409);
    const key = { id: put.AWSAccessKeys[0].AWSAccessKeyId, secret: put.AWSAccessKeys[0].AWSSecretAccessKey };
    const listed = await gw.as(key, 'GET', '/');
    expect(listed.status).toBe(200);
    expect(listed.text).toContain(`<ID>${id}</ID>`);
    const info = await gw.adminJson('GET', 'ostor-users&emailAddress=accounts%40example.com');
    expect(info.AccountCount).toBe('2');
    expect((await gw.admin('DELETE', 'ostor-accounts&emailAddress=accounts%40example.com&accountName=one')).status).toBe(204);
    expect(errorCode(await gw.as(key, 'GET', '/'))).toBe('InvalidAccessKeyId');
    const missing = await gw.admin('DELETE', 'ostor-accounts&emailAddress=accounts%40example.com&accountName=one');
    expect(missing.status).toBe(404);
    expect(errorCode(missing)).toBe('NoSuchAccount');
    expect((await gw.adminJson('GET', 'ostor-users&emailAddress=accounts%40example.com')).AccountCount).toBe('1');
  });
});

describe('ostor-buckets', () => {
  it('lists all, by user, one bucket, and several with a JSON body on a GET, in the documented shape', async () => {
    const a = await gw.createUser('buckets-a@example.com');
    const b = await gw.createUser('buckets-b@example.com');
    const sa = sdkClient(gw.sim.url, a.key);
    await sa.send(new CreateBucketCommand({ Bucket: 'bk-one' }));
    await sa.send(new CreateBucketCommand({ Bucket: 'bk-two' }));
    await sdkClient(gw.sim.url, b.key).send(new CreateBucketCommand({ Bucket: 'bk-three' }));
    await sa.send(new PutObjectCommand({ Bucket: 'bk-one', Key: 'x', Body: Buffer.alloc(12288) }));

    const all = await gw.adminJson('GET', 'ostor-buckets');
    expect(Object.keys(all)).toEqual(['Buckets']);
    const one = all.Buckets.find((x: { name: string }) => x.name === 'bk-one');
    expect(Object.keys(one)).toEqual(['size', 'epoch', 'owner_id', 'name', 'creation_date']);
    expect(Object.keys(one.size)).toEqual(['current', 'h_integral', 'hmax', 'last_ts']);
    expect(one.size.current).toBe(12288);
    expect(one.size.hmax).toBe(12288);
    expect(typeof one.size.h_integral).toBe('number');
    expect(one.size.last_ts).toBe(Math.floor(Date.now() / 3_600_000));
    expect(one.owner_id).toBe(a.id);
    expect(one.epoch).toBe(0);
    expect(one.creation_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const byUser = await gw.adminJson('GET', 'ostor-buckets&emailAddress=buckets-a%40example.com');
    expect(byUser.Buckets.map((x: { name: string }) => x.name).sort()).toEqual(['bk-one', 'bk-two']);
    const single = await gw.adminJson('GET', 'ostor-buckets&bucket=bk-three');
    expect(single.Buckets.map((x: { owner_id: string }) => x.owner_id)).toEqual([b.id]);
    const multi = await gw.adminJson('GET', 'ostor-buckets&multi', { body: '["bk-two", "bk-three", "bk-missing"]' });
    expect(multi.Buckets.map((x: { name: string }) => x.name)).toEqual(['bk-two', 'bk-three']);
  });

  it('gives a bucket made again under the same name a new epoch', async () => {
    const { key } = await gw.createUser('epochs@example.com');
    await gw.as(key, 'PUT', '/epoch-bucket');
    await gw.as(key, 'DELETE', '/epoch-bucket');
    await gw.as(key, 'PUT', '/epoch-bucket');
    const again = await gw.adminJson('GET', 'ostor-buckets&bucket=epoch-bucket');
    expect(again.Buckets[0].epoch).toBe(1);
  });

  it('answers 404 for an unknown bucket or user', async () => {
    expect(errorCode(await gw.admin('GET', 'ostor-buckets&bucket=nope-nope'))).toBe('NoSuchBucket');
    expect(errorCode(await gw.admin('GET', 'ostor-buckets&emailAddress=nope%40example.com'))).toBe('NoSuchUser');
  });
});

describe('ostor-limits', () => {
  it('sets, reads and removes user limits in the vendor guide’s form', async () => {
    await gw.createUser('limits@example.com');
    const base = 'ostor-limits&emailAddress=limits%40example.com';
    expect(await gw.adminJson('GET', base)).toEqual({
      'ops:default': '0.00', 'ops:get': '0.00', 'ops:put': '0.00', 'ops:list': '0.00', 'ops:delete': '0.00', 'bandwidth:out': '0',
    });
    expect((await gw.admin('PUT', `${base}&limit-type=ops&limit-resource=get&limit-value=3600`)).status).toBe(200);
    expect((await gw.admin('PUT', `${base}&limit-type=bandwidth&limit-resource=out&limit-value=100`)).status).toBe(200);
    const limits = await gw.adminJson('GET', base);
    expect(limits).toEqual({
      'ops:default': '0.00', 'ops:get': '3600.00', 'ops:put': '0.00', 'ops:list': '0.00', 'ops:delete': '0.00', 'bandwidth:out': '100',
    });
    expect(Object.keys(limits)).toEqual(['ops:default', 'ops:get', 'ops:put', 'ops:list', 'ops:delete', 'bandwidth:out']);
    expect((await gw.admin('DELETE', base)).status).toBe(204);
    expect((await gw.adminJson('GET', base))['ops:get']).toBe('0.00');
  });

  it('accepts the older form (&ops&get=…, &bandwidth&out=…) for buckets too', async () => {
    const { key } = await gw.createUser('oldlimits@example.com');
    await gw.as(key, 'PUT', '/limited-bucket');
    const base = 'ostor-limits&bucket=limited-bucket';
    expect((await gw.admin('PUT', `${base}&ops&put=12.5`)).status).toBe(200);
    expect((await gw.admin('PUT', `${base}&bandwidth&out=250`)).status).toBe(200);
    expect((await gw.admin('PUT', `${base}&limit-type=ops&limit-resource=default&limit-value=7`)).status).toBe(200);
    const limits = await gw.adminJson('GET', base);
    expect(limits['ops:put']).toBe('12.50');
    expect(limits['ops:default']).toBe('7.00');
    expect(limits['bandwidth:out']).toBe('250');
  });
});

describe('ostor-quotas', () => {
  it('sets, reads and removes user, bucket and default quotas', async () => {
    const { key } = await gw.createUser('quotas@example.com');
    await gw.as(key, 'PUT', '/quota-bucket');
    const cases = [
      ['emailAddress=quotas%40example.com', 'user', '1024'],
      ['bucket=quota-bucket', 'bucket', '256'],
      ['default=user', 'user', '2048'],
      ['default=bucket', 'bucket', '512'],
    ];
    for (const [target, type, size] of cases) {
      expect((await gw.admin('PUT', `ostor-quotas&${target}&quota-size=${size}`)).status).toBe(200);
      const got = await gw.adminJson('GET', `ostor-quotas&${target}`);
      expect(got).toEqual({ version: '1', type, size });
      expect(Object.keys(got)).toEqual(['version', 'type', 'size']);
      expect((await gw.admin('DELETE', `ostor-quotas&${target}`)).status).toBe(204);
      expect((await gw.adminJson('GET', `ostor-quotas&${target}`)).size).toBe('0');
    }
  });
});

describe('ostor-usage', () => {
  it('lists in pages with limit and after, serves an object and deletes it', async () => {
    const { objects } = await gw.testApi('POST', '/__sim/usage/generate', { objects: 5, items: 2 });
    const first = await gw.adminJson('GET', 'ostor-usage&limit=2');
    expect(Object.keys(first)).toEqual(['nr_items', 'truncated', 'items']);
    expect(first).toMatchObject({ nr_items: 2, truncated: true });
    const names: string[] = [...first.items];
    let page = first;
    while (page.truncated) {
      page = await gw.adminJson('GET', `ostor-usage&limit=2&after=${encodeURIComponent(names[names.length - 1])}`);
      names.push(...page.items);
    }
    expect(names).toEqual([...objects].sort());
    expect(page.nr_items).toBe(1);
    for (const name of names) expect(name).toMatch(/^s3-usage-\d{16}-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z-60$/);

    const object = await gw.admin('GET', `ostor-usage&obj=${encodeURIComponent(names[0])}`);
    expect(object.text).toMatch(/^\{"fmt_version":1,"service_id":8000000000000099,"start_ts":\d+,"period":60,"nr_items":2,"items":\[/);
    const parsed = JSON.parse(object.text);
    expect(Object.keys(parsed.items[0])).toEqual(['key', 'counters']);
    expect(Object.keys(parsed.items[0].key)).toEqual(['bucket', 'epoch', 'user_id', 'tag']);
    expect(Object.keys(parsed.items[0].counters.ops)).toEqual(['put', 'get', 'list', 'other']);
    expect(Object.keys(parsed.items[0].counters.net_io)).toEqual(['uploaded', 'downloaded']);

    expect((await gw.admin('DELETE', `ostor-usage&obj=${encodeURIComponent(names[0])}`)).status).toBe(204);
    expect(errorCode(await gw.admin('GET', `ostor-usage&obj=${encodeURIComponent(names[0])}`))).toBe('NoSuchKey');
    expect((await gw.admin('DELETE', `ostor-usage&obj=${encodeURIComponent(names[0])}`)).status).toBe(404);
    for (const name of names.slice(1)) await gw.admin('DELETE', `ostor-usage&obj=${encodeURIComponent(name)}`);
    expect(await gw.adminJson('GET', 'ostor-usage')).toEqual({ nr_items: 0, truncated: false, items: [] });
  });
});
