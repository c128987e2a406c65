import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import type { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { callRoute, consoleEnvironment } from '@/lib/api/testing';
import type { SessionUser } from '@/lib/auth/options';
import { testGateway } from '@/sim/testing/harness';
import { sdkClient } from '@/sim/testing/sdk';

vi.mock('@/lib/auth/session', () => ({
  currentUser: async (): Promise<SessionUser> => ({ id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Enforcer', role: 'admin' }),
}));

const gw = testGateway();
consoleEnvironment(gw);

async function put(handler: (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>, url: string, params: Record<string, string>, body: unknown) {
  const response = await callRoute(handler, 'PUT', url, params, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error.name;
    throw error;
  }
  return null;
}

describe('what the console sets, the gateway enforces', () => {
  it('a bucket quota set in the console refuses an upload through the AWS SDK', async () => {
    const { key } = await gw.createUser('enforced@example.com');
    const s3 = sdkClient(gw.sim.url, key);
    await s3.send(new CreateBucketCommand({ Bucket: 'enforced-bucket' }));
    const { PUT } = await import('./buckets/[name]/quota/route');
    await put(PUT, '/api/buckets/enforced-bucket/quota', { name: 'enforced-bucket' }, { gb: 1 });
    expect(await gw.adminJson('GET', 'ostor-quotas&bucket=enforced-bucket')).toMatchObject({ size: '1' });
    // The simulator keeps sizes as bookkeeping: bring the bucket to just under 1 GB without sending one.
    const bucket = gw.sim.store.get('buckets', 'enforced-bucket')!;
    gw.sim.store.commit([{ c: 'buckets', k: 'enforced-bucket', v: { ...bucket, size: 999_999_000 } }]);
    expect(await refusal(s3.send(new PutObjectCommand({ Bucket: 'enforced-bucket', Key: 'too-much', Body: Buffer.alloc(2000) })))).toBe('QuotaExceeded');
    expect(await refusal(s3.send(new PutObjectCommand({ Bucket: 'enforced-bucket', Key: 'fits', Body: Buffer.alloc(500) })))).toBeNull();
  });

  it('an ops limit set in the console answers SlowDown beyond its rate', async () => {
    const { id, key } = await gw.createUser('throttled@example.com');
    const s3 = sdkClient(gw.sim.url, key);
    await s3.send(new CreateBucketCommand({ Bucket: 'throttled-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'throttled-bucket', Key: 'o', Body: 'x' }));
    const { PUT } = await import('./users/[id]/limits/route');
    const applied = await put(PUT, `/api/users/${id}/limits`, { id }, { default: 0, get: 1, put: 0, list: 0, delete: 0, out: 0 });
    expect(applied).toMatchObject({ drift: [], limits: { get: 1 } });
    const outcomes: (string | null)[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(await refusal(s3.send(new GetObjectCommand({ Bucket: 'throttled-bucket', Key: 'o' })).then((r) => r.Body?.transformToString())));
    expect(outcomes.filter((o) => o === 'SlowDown').length).toBeGreaterThanOrEqual(3);
  });
});
