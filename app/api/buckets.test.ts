import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/options';
import { callRoute, consoleEnvironment, watchGatewayCalls } from '@/lib/api/testing';
import { invalidateUserList } from '@/lib/users/list-cache';
import { testGateway } from '@/sim/testing/harness';
import * as bucket from './buckets/[name]/route';
import * as buckets from './buckets/route';

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

describe('the buckets list', () => {
  const page = (query: string) => callRoute(buckets.GET, 'GET', `/api/buckets?${query}`);

  it('names each owner by email: from the cached user list, or asked for by id when the owner is newer than it', async () => {
    session.user = { id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Admin', role: 'admin' };
    const known = await gw.createUser('known-owner@example.com');
    await gw.as(known.key, 'PUT', '/known-owner-bucket');
    await invalidateUserList();
    const first = await page('q=owner-bucket&refresh=1');
    expect((await first.json()).items).toEqual([expect.objectContaining({ name: 'known-owner-bucket', ownerEmail: 'known-owner@example.com' })]);

    // Made on the gateway behind the console's back: the cached user list does not hold it yet.
    const newer = await gw.createUser('newer-owner@example.com');
    await gw.as(newer.key, 'PUT', '/newer-owner-bucket');
    const { result, calls } = await watchGatewayCalls(gw.sim.url, () => page('q=owner-bucket&refresh=1'));
    expect((await result.json()).items).toEqual([
      expect.objectContaining({ name: 'known-owner-bucket', ownerEmail: 'known-owner@example.com' }),
      expect.objectContaining({ name: 'newer-owner-bucket', ownerEmail: 'newer-owner@example.com' }),
    ]);
    expect(calls.filter((c) => c.includes('ostor-users'))).toEqual([`GET /?ostor-users&id=${newer.id}`]);

    // Owners the gateway cannot name now are shown without an email; those in the cached list still are.
    const third = await gw.createUser('third-owner@example.com');
    await gw.as(third.key, 'PUT', '/third-owner-bucket');
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'error', status: 500 });
    try {
      const items = (await (await page('q=owner-bucket&refresh=1')).json()).items;
      expect(items.map((b: { ownerEmail: string | null }) => b.ownerEmail)).toEqual(['known-owner@example.com', null, null]);
    } finally {
      await gw.testApi('DELETE', '/__sim/faults/ostor-users');
    }
  });
});

