import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/options';
import { callRoute, consoleEnvironment, watchGatewayCalls } from '@/lib/api/testing';
import { testGateway } from '@/sim/testing/harness';
import * as bucket from './buckets/[name]/route';

/** A bucket's page: the bucket, its limits and quotas, asked of the gateway together. */

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));

const gw = testGateway();
consoleEnvironment(gw);

const detail = (name: string) => callRoute(bucket.GET, 'GET', `/api/buckets/${encodeURIComponent(name)}`, { name });

describe('a bucket’s page', () => {
  it('asks for the bucket and its settings in one round; a missing bucket is a 404, and a name that cannot be one is never sent', async () => {
    session.user = { id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Admin', role: 'admin' };
    const owner = await gw.createUser('bucket-page@example.com');
    await gw.as(owner.key, 'PUT', '/page-bucket');
    await gw.admin('PUT', 'ostor-quotas&bucket=page-bucket&quota-size=4');

    const { result: found, calls } = await watchGatewayCalls(gw.sim.url, () => detail('page-bucket'));
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ name: 'page-bucket', owner: { id: owner.id, email: 'bucket-page@example.com' }, quota: { ownGb: 4 } });
    expect(calls).toEqual(expect.arrayContaining(['GET /?ostor-buckets&bucket=page-bucket', 'GET /?ostor-limits&bucket=page-bucket', 'GET /?ostor-quotas&bucket=page-bucket', 'GET /?ostor-quotas&default=bucket']));

    const missing = await detail('no-such-bucket');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toMatch(/no such bucket on the gateway/);

    const { result: invalid, calls: none } = await watchGatewayCalls(gw.sim.url, () => detail('Not_A_Bucket!'));
    expect(invalid.status).toBe(404);
    expect(none).toEqual([]);
  });

  it('says so when the gateway fails on the settings of a bucket that is there', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-limits', { mode: 'error', status: 500 });
    try {
      const failed = await detail('page-bucket');
      expect(failed.status).toBeGreaterThanOrEqual(500);
      expect((await failed.json()).error.message).toMatch(/gateway/i);
    } finally {
      await gw.testApi('DELETE', '/__sim/faults/ostor-limits');
    }
  });
});
