import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { makeGateway, testGateway, type TestGateway } from '../testing/harness';
import { sdkClient } from '../testing/sdk';
import { startSimulator } from '../server';

const gw = testGateway({ services: 2 });

interface Totals {
  put: number;
  get: number;
  list: number;
  other: number;
  uploaded: number;
  downloaded: number;
}
const zero = (): Totals => ({ put: 0, get: 0, list: 0, other: 0, uploaded: 0, downloaded: 0 });

/** Reads every statistics object on the gateway and sums its items per user/bucket/epoch. */
async function collected(g: TestGateway) {
  const sums = new Map<string, Totals>();
  const services = new Set<string>();
  let after = '';
  for (;;) {
    const page = await g.adminJson('GET', `ostor-usage&limit=3${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    for (const name of page.items as string[]) {
      services.add(name.split('-')[2]);
      const object = await g.adminJson('GET', `ostor-usage&obj=${encodeURIComponent(name)}`);
      expect(object.nr_items).toBe(object.items.length);
      for (const item of object.items) {
        const key = `${item.key.user_id}/${item.key.bucket}/${item.key.epoch}`;
        const t = sums.get(key) ?? zero();
        t.put += item.counters.ops.put;
        t.get += item.counters.ops.get;
        t.list += item.counters.ops.list;
        t.other += item.counters.ops.other;
        t.uploaded += item.counters.net_io.uploaded;
        t.downloaded += item.counters.net_io.downloaded;
        sums.set(key, t);
      }
    }
    if (!page.truncated) break;
    after = page.items[page.items.length - 1];
  }
  return { sums, services };
}

describe('usage statistics', () => {
  it('count every request exactly: ops by class and bytes up and down, per user and bucket', async () => {
    const { id, key } = await gw.createUser('usage@example.com');
    const s3 = sdkClient(gw.sim.url, key);
    const expected = zero();
    const body = Buffer.alloc(5000, 3);
    await s3.send(new CreateBucketCommand({ Bucket: 'usage-bucket' }));
    expected.put += 1;
    for (let i = 0; i < 4; i++) {
      await s3.send(new PutObjectCommand({ Bucket: 'usage-bucket', Key: `o${i}`, Body: body }));
      expected.put += 1;
      expected.uploaded += body.length;
    }
    for (let i = 0; i < 3; i++) {
      const got = await s3.send(new GetObjectCommand({ Bucket: 'usage-bucket', Key: `o${i}` }));
      await got.Body!.transformToByteArray();
      expected.get += 1;
      expected.downloaded += body.length;
    }
    const ranged = await s3.send(new GetObjectCommand({ Bucket: 'usage-bucket', Key: 'o0', Range: 'bytes=0-99' }));
    await ranged.Body!.transformToByteArray();
    expected.get += 1;
    expected.downloaded += 100;
    await s3.send(new HeadObjectCommand({ Bucket: 'usage-bucket', Key: 'o1' }));
    expected.get += 1;
    await s3.send(new ListObjectsV2Command({ Bucket: 'usage-bucket' }));
    expected.list += 1;
    await s3.send(new DeleteObjectCommand({ Bucket: 'usage-bucket', Key: 'o3' }));
    expected.other += 1;
    await s3.send(new GetObjectCommand({ Bucket: 'usage-bucket', Key: 'missing' })).catch(() => undefined);
    expected.get += 1;
    await s3.send(new ListBucketsCommand({}));

    const { objects } = await gw.testApi('POST', '/__sim/flush');
    expect(objects).toHaveLength(2);
    const { sums, services } = await collected(gw);
    expect(services).toEqual(new Set(['8000000000000065', '8000000000000066']));
    expect(sums.get(`${id}/usage-bucket/0`)).toEqual(expected);
    expect(sums.get(`${id}//0`)).toEqual({ ...zero(), list: 1 });

    const truth = await gw.testApi('GET', '/__sim/truth');
    const bucketTruth = truth.buckets.find((b: { bucket: string }) => b.bucket === 'usage-bucket');
    expect(bucketTruth.counters).toEqual({
      ops: { put: expected.put, get: expected.get, list: expected.list, other: expected.other },
      net_io: { uploaded: expected.uploaded, downloaded: expected.downloaded },
    });
    expect(bucketTruth.owner_id).toBe(id);
    const userTruth = truth.users.find((u: { user_id: string }) => u.user_id === id);
    expect(userTruth.counters.ops.list).toBe(expected.list + 1);
    expect(BigInt(userTruth.byte_seconds)).toBeGreaterThanOrEqual(0n);
  });

  it('does not count the system user, and keeps the ground truth after objects are deleted', async () => {
    const { id, key } = await gw.createUser('truth@example.com');
    await gw.as(key, 'PUT', '/truth-bucket');
    await gw.as(gw.sim.systemKey, 'GET', '/truth-bucket?list-type=2');
    await gw.testApi('POST', '/__sim/flush');
    const names = (await gw.adminJson('GET', 'ostor-usage')).items as string[];
    for (const name of names) await gw.admin('DELETE', `ostor-usage&obj=${encodeURIComponent(name)}`);
    const truth = await gw.testApi('GET', '/__sim/truth');
    const bucket = truth.buckets.find((b: { bucket: string }) => b.bucket === 'truth-bucket');
    expect(bucket.counters.ops).toEqual({ put: 1, get: 0, list: 0, other: 0 });
    expect(truth.users.find((u: { user_id: string }) => u.user_id === id).counters.ops.put).toBe(1);
  });

  it('lists nothing when collection is off, while the ground truth still counts', async () => {
    const off = makeGateway(await startSimulator({ testApi: true, collectUsage: false }));
    try {
      const { key } = await off.createUser('off@example.com');
      await off.as(key, 'PUT', '/off-bucket');
      await off.testApi('POST', '/__sim/flush');
      expect(await off.adminJson('GET', 'ostor-usage')).toEqual({ nr_items: 0, truncated: false, items: [] });
      const truth = await off.testApi('GET', '/__sim/truth');
      expect(truth.buckets.find((b: { bucket: string }) => b.bucket === 'off-bucket').counters.ops.put).toBe(1);
    } finally {
      await off.sim.close();
    }
  });

  it('flushes on its own every usage period, naming objects by start time and nominal period', async () => {
    const timed = makeGateway(await startSimulator({ testApi: true, usagePeriod: 1 }));
    try {
      const { key } = await timed.createUser('timed@example.com');
      const before = Date.now();
      await timed.as(key, 'PUT', '/timed-bucket');
      await new Promise((r) => setTimeout(r, 1500));
      const list = await timed.adminJson('GET', 'ostor-usage');
      expect(list.nr_items).toBe(1);
      const [, start, period] = /^s3-usage-8000000000000065-(.+Z)-(\d+)$/.exec(list.items[0])!;
      expect(period).toBe('1');
      expect(Date.parse(start)).toBeGreaterThanOrEqual(before - 50);
      const object = await timed.adminJson('GET', `ostor-usage&obj=${encodeURIComponent(list.items[0])}`);
      expect(object.start_ts).toBe(Math.floor(Date.parse(start) / 1000));
    } finally {
      await timed.sim.close();
    }
  });

  it('keeps h_integral as byte-seconds since creation and hmax as the largest size', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const g = makeGateway(await startSimulator({ testApi: true, now: () => clock }));
    try {
      const sign = { clockOffsetMs: clock - Date.now() };
      const created = await g.adminJson('PUT', 'ostor-users&emailAddress=integral%40example.com', sign);
      const pair = { id: created.AWSAccessKeys[0].AWSAccessKeyId, secret: created.AWSAccessKeys[0].AWSSecretAccessKey };
      await g.as(pair, 'PUT', '/integral-bucket', { ...sign });
      await g.as(pair, 'PUT', '/integral-bucket/a', { ...sign, body: Buffer.alloc(1000) });
      clock += 10_000;
      await g.as(pair, 'PUT', '/integral-bucket/b', { clockOffsetMs: clock - Date.now(), body: Buffer.alloc(3000) });
      clock += 5_000;
      await g.as(pair, 'DELETE', '/integral-bucket/b', { clockOffsetMs: clock - Date.now() });
      clock += 2_000;
      const info = await g.adminJson('GET', 'ostor-buckets&bucket=integral-bucket', { clockOffsetMs: clock - Date.now() });
      // 1000 B × 10 s + 4000 B × 5 s + 1000 B × 2 s
      expect(info.Buckets[0].size).toEqual({ current: 1000, h_integral: 32_000, hmax: 4000, last_ts: Math.floor(clock / 3_600_000) });
      const truth = await g.testApi('GET', '/__sim/truth');
      expect(truth.buckets.find((b: { bucket: string }) => b.bucket === 'integral-bucket').byte_seconds).toBe('32000');
    } finally {
      await g.sim.close();
    }
  });
});
