import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testGateway } from '@/sim/testing/harness';
import { openDatabase, type Database } from '../db/client';
import type { GatewayConnection } from '../gateway/request';
import { applyPlan, planDrift, planSteps } from './apply';
import { createPlan, userPlan } from './store';

const gw = testGateway();
let database: Database;
const conn = (): GatewayConnection => ({ url: gw.sim.url, accessKeyId: gw.sim.systemKey.id, secret: gw.sim.systemKey.secret, signature: 'v4', region: 'us-east-1', timeoutMs: 3000 });

beforeAll(async () => {
  database = await openDatabase({ dataDir: null });
});
afterAll(async () => {
  await database.close();
});

const GOLD = { name: 'Gold', userQuotaGb: 500, bucketQuotaGb: 100, limits: { default: 50, get: 200, put: 20, list: 10, delete: 5, out: 10_000 } };

async function tenant(email: string, buckets: string[]) {
  const { id, key } = await gw.createUser(email);
  for (const b of buckets) await gw.as(key, 'PUT', `/${b}`);
  return { userId: id, email, buckets };
}

describe('plans', () => {
  it('apply quotas and limits to the user and its buckets, step by step', async () => {
    const plan = await createPlan(database.db, GOLD);
    const target = await tenant('gold@example.com', ['gold-a', 'gold-b']);
    const result = await applyPlan(database.db, plan, target, null, conn());
    expect(result.status).toBe('applied');
    expect(result.steps.map((s) => [s.step, s.state])).toEqual(planSteps(target).map((s) => [s, 'done']));
    expect(await gw.adminJson('GET', 'ostor-quotas&emailAddress=gold%40example.com')).toMatchObject({ size: '500' });
    expect(await gw.adminJson('GET', 'ostor-quotas&bucket=gold-b')).toMatchObject({ size: '100' });
    expect(await gw.adminJson('GET', 'ostor-limits&emailAddress=gold%40example.com')).toMatchObject({ 'ops:get': '200.00', 'bandwidth:out': '10000' });
    expect(await planDrift(plan, target, conn())).toEqual([]);
    expect((await userPlan(database.db, target.userId))?.status).toBe('applied');
  });

  it('report which steps are done when the gateway fails midway, and finish safely after', async () => {
    const plan = await createPlan(database.db, { ...GOLD, name: 'Silver', userQuotaGb: 50 });
    const target = await tenant('silver@example.com', ['silver-a']);
    // The quota step succeeds; the limits step fails on its first change.
    await gw.testApi('PUT', '/__sim/faults/ostor-limits', { mode: 'error', status: 500, skip: 1 });
    const failed = await applyPlan(database.db, plan, target, null, conn());
    expect(failed.status).toBe('incomplete');
    expect(failed.steps.map((s) => s.state)).toEqual(['done', 'failed', 'pending']);
    expect(failed.steps[1].error).toMatch(/gateway/i);
    const stored = await userPlan(database.db, target.userId);
    expect(stored?.status).toBe('incomplete');
    expect(stored?.steps.map((s) => s.state)).toEqual(['done', 'failed', 'pending']);
    await gw.testApi('DELETE', '/__sim/faults/ostor-limits');
    const drift = await planDrift(plan, target, conn());
    expect(drift.map((d) => d.key)).toEqual(expect.arrayContaining(['limit:get', 'bucket-quota:silver-a']));
    expect(drift.map((d) => d.key)).not.toContain('user-quota');

    const finished = await applyPlan(database.db, plan, target, stored!.steps, conn());
    expect(finished.status).toBe('applied');
    expect(await planDrift(plan, target, conn())).toEqual([]);
    // Finishing twice changes nothing: every step sets a state.
    expect((await applyPlan(database.db, plan, target, null, conn())).status).toBe('applied');
    expect(await gw.adminJson('GET', 'ostor-quotas&emailAddress=silver%40example.com')).toMatchObject({ size: '50' });
  });

  it('show drift when the gateway was changed behind the console’s back', async () => {
    const plan = await createPlan(database.db, { ...GOLD, name: 'Bronze' });
    const target = await tenant('bronze@example.com', []);
    await applyPlan(database.db, plan, target, null, conn());
    await gw.admin('PUT', 'ostor-limits&emailAddress=bronze%40example.com&limit-type=ops&limit-resource=put&limit-value=999');
    expect(await planDrift(plan, target, conn())).toEqual([{ key: 'limit:put', plan: 20, gateway: 999 }]);
  });

  it('keep a user’s overrides: re-applying sets the override, not the plan, and drift compares with it', async () => {
    const plan = await createPlan(database.db, { ...GOLD, name: 'Copper', userQuotaGb: 12 });
    const target = await tenant('copper@example.com', ['copper-a']);
    await applyPlan(database.db, plan, target, null, conn());
    // Set by hand on the gateway: 15 GB instead of the plan's 12.
    await gw.admin('PUT', 'ostor-quotas&emailAddress=copper%40example.com&quota-size=15');
    expect(await planDrift(plan, target, conn())).toEqual([{ key: 'user-quota', plan: 12, gateway: 15 }]);
    const overrides = { 'user-quota': 15, 'bucket-quota:gone-bucket': 3 };
    expect(await planDrift(plan, target, conn(), overrides)).toEqual([]);
    expect((await applyPlan(database.db, plan, target, null, conn(), overrides)).status).toBe('applied');
    expect(await gw.adminJson('GET', 'ostor-quotas&emailAddress=copper%40example.com')).toMatchObject({ size: '15' });
    // Without the override, re-applying brings the plan's value back.
    await applyPlan(database.db, plan, target, null, conn());
    expect(await gw.adminJson('GET', 'ostor-quotas&emailAddress=copper%40example.com')).toMatchObject({ size: '12' });
  });

  it('name settings and values in words', async () => {
    const { settingName, settingText, isSettingKey } = await import('./settings');
    expect(settingName('user-quota')).toBe('User quota');
    expect(settingName('limit:put')).toBe('PUT limit');
    expect(settingName('limit:out')).toBe('Bandwidth limit (out)');
    expect(settingName('bucket-quota:photos')).toBe('Quota of bucket photos');
    expect(settingText('user-quota', 0)).toBe('unlimited');
    expect(settingText('bucket-quota:photos', 1500)).toBe('1,500 GB');
    expect(settingText('limit:get', 0)).toBe('unlimited');
    expect(settingText('limit:get', 200)).toBe('200 ops/s');
    expect(settingText('limit:out', 10000)).toBe('10,000 kB/s');
    for (const key of ['user-quota', 'limit:default', 'bucket-quota:a-b.c']) expect(isSettingKey(key)).toBe(true);
    for (const key of ['limit:post', 'bucket-quota:', 'bucket-quota:AB', 'toString', 'user-quota ', '']) expect(isSettingKey(key), key).toBe(false);
  });
});
