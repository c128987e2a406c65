import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../testing/client';
import { testGateway } from '../testing/harness';
import { sdkClient } from '../testing/sdk';

const gw = testGateway();

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return { name: error.name, status: error.$metadata.httpStatusCode };
    throw error;
  }
  return null;
}

describe('quotas', () => {
  it('a bucket quota refuses the upload that would pass it, with 403 QuotaExceeded', async () => {
    const { key } = await gw.createUser('bucketquota@example.com');
    const s3 = sdkClient(gw.sim.url, key);
    await s3.send(new CreateBucketCommand({ Bucket: 'quota-one' }));
    await gw.admin('PUT', 'ostor-quotas&bucket=quota-one&quota-size=1');
    // 1 GB = 10^9 bytes; the sizes are bookkeeping, so fill most of it with one accounted object.
    await s3.send(new PutObjectCommand({ Bucket: 'quota-one', Key: 'small', Body: Buffer.alloc(1000) }));
    const bucket = gw.sim.store.get('buckets', 'quota-one')!;
    gw.sim.store.commit([{ c: 'buckets', k: 'quota-one', v: { ...bucket, size: 999_999_500 } }]);
    expect(await refusal(s3.send(new PutObjectCommand({ Bucket: 'quota-one', Key: 'big', Body: Buffer.alloc(1000) })))).toEqual({ name: 'QuotaExceeded', status: 403 });
    expect(await refusal(s3.send(new PutObjectCommand({ Bucket: 'quota-one', Key: 'fits', Body: Buffer.alloc(400) })))).toBeNull();
    // Replacing an object with a smaller one is always allowed.
    expect(await refusal(s3.send(new PutObjectCommand({ Bucket: 'quota-one', Key: 'small', Body: Buffer.alloc(10) })))).toBeNull();
  });

  it('a user quota counts all the user’s buckets; a default quota applies where none is set', async () => {
    const { key } = await gw.createUser('userquota@example.com');
    const s3 = sdkClient(gw.sim.url, key);
    await s3.send(new CreateBucketCommand({ Bucket: 'uq-a' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'uq-b' }));
    const a = gw.sim.store.get('buckets', 'uq-a')!;
    gw.sim.store.commit([{ c: 'buckets', k: 'uq-a', v: { ...a, size: 1_500_000_000 } }]);
    await gw.admin('PUT', 'ostor-quotas&emailAddress=userquota%40example.com&quota-size=2');
    expect(await refusal(s3.send(new PutObjectCommand({ Bucket: 'uq-b', Key: 'x', Body: Buffer.alloc(10) })))).toBeNull();
    const b = gw.sim.store.get('buckets', 'uq-b')!;
    gw.sim.store.commit([{ c: 'buckets', k: 'uq-b', v: { ...b, size: 500_000_000 } }]);
    expect(await refusal(s3.send(new PutObjectCommand({ Bucket: 'uq-b', Key: 'y', Body: Buffer.alloc(10) })))).toEqual({ name: 'QuotaExceeded', status: 403 });
    await gw.admin('DELETE', 'ostor-quotas&emailAddress=userquota%40example.com');
    await gw.admin('PUT', 'ostor-quotas&default=user&quota-size=1');
    expect(await refusal(s3.send(new PutObjectCommand({ Bucket: 'uq-b', Key: 'y', Body: Buffer.alloc(10) })))).toEqual({ name: 'QuotaExceeded', status: 403 });
    await gw.admin('DELETE', 'ostor-quotas&default=user');
    expect(await refusal(s3.send(new PutObjectCommand({ Bucket: 'uq-b', Key: 'y', Body: Buffer.alloc(10) })))).toBeNull();
  });
});

describe('ops limits', () => {
  it('answers 503 SlowDown past a user’s get rate, and lets other classes through', async () => {
    const { key } = await gw.createUser('slow@example.com');
    await gw.as(key, 'PUT', '/slow-bucket');
    await gw.as(key, 'PUT', '/slow-bucket/o', { body: 'x' });
    await gw.admin('PUT', 'ostor-limits&emailAddress=slow%40example.com&limit-type=ops&limit-resource=get&limit-value=2');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await gw.as(key, 'GET', '/slow-bucket/o')).status);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(4);
    const slow = await gw.as(key, 'GET', '/slow-bucket/o');
    if (slow.status === 503) expect(errorCode(slow)).toBe('SlowDown');
    expect((await gw.as(key, 'GET', '/slow-bucket?list-type=2')).status).toBe(200);
  });

  it('applies a bucket’s default limit to every class, and 0 removes it', async () => {
    const { key } = await gw.createUser('bucketslow@example.com');
    await gw.as(key, 'PUT', '/bslow-bucket');
    await gw.admin('PUT', 'ostor-limits&bucket=bslow-bucket&limit-type=ops&limit-resource=default&limit-value=1');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await gw.as(key, 'GET', '/bslow-bucket?list-type=2')).status);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(3);
    await gw.admin('PUT', 'ostor-limits&bucket=bslow-bucket&limit-type=ops&limit-resource=default&limit-value=0');
    for (let i = 0; i < 5; i++) expect((await gw.as(key, 'GET', '/bslow-bucket?list-type=2')).status).toBe(200);
  });
});

describe('bandwidth limit', () => {
  it('slows GetObject down to the set kB/s', async () => {
    const { key } = await gw.createUser('bandwidth@example.com');
    const s3 = sdkClient(gw.sim.url, key);
    await s3.send(new CreateBucketCommand({ Bucket: 'bw-bucket' }));
    const data = Buffer.alloc(30_000, 1);
    await s3.send(new PutObjectCommand({ Bucket: 'bw-bucket', Key: 'o', Body: data }));
    await gw.admin('PUT', 'ostor-limits&emailAddress=bandwidth%40example.com&limit-type=bandwidth&limit-resource=out&limit-value=20');
    // 30 kB at 20 kB/s cannot arrive in under a second, however fast the machine.
    const started = performance.now();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'bw-bucket', Key: 'o' }));
    const body = Buffer.from(await got.Body!.transformToByteArray());
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(body.equals(data)).toBe(true);
  });
});
