import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/options';
import { callRoute, consoleEnvironment, watchGatewayCalls } from '@/lib/api/testing';
import { jobSystem } from '@/lib/jobs';
import { startSchedules } from '@/lib/usage/jobs';
import { testGateway } from '@/sim/testing/harness';
import * as audit from './audit/route';
import * as planJobs from './plans/jobs/[kind]/route';
import * as plans from './plans/route';
import * as onePlan from './plans/[id]/route';
import * as reapply from './plans/[id]/reapply/route';
import * as usageJobs from './usage/jobs/[kind]/route';
import * as userPlan from './users/[id]/plan/route';
import * as overrides from './users/[id]/plan/overrides/route';
import * as user from './users/[id]/route';
import * as users from './users/route';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));

const gw = testGateway();
consoleEnvironment(gw);

const ADMIN: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Admin', role: 'admin' };
const LIMITS = { default: 0, get: 100, put: 0, list: 0, delete: 0, out: 0 };

async function json(response: Promise<Response>, status = 200) {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text);
}

async function finished(kind: string) {
  const system = await jobSystem();
  await vi.waitFor(async () => expect(['done', 'failed', 'busy', 'interrupted']).toContain((await system.latest(kind))?.state), { timeout: 15_000, interval: 25 });
  return (await system.latest(kind))!;
}

async function onPlan(email: string, planId: string) {
  const u = await gw.createUser(email);
  await json(callRoute(userPlan.PUT, 'PUT', `/api/users/${u.id}/plan`, { id: u.id }, { planId }));
  return u;
}

const detail = (id: string) => json(callRoute(user.GET, 'GET', `/api/users/${id}`, { id }));

describe('plans that hold', () => {
  it('give a bucket made through S3 after the plan its quota, on the next check and after every storage round, audited', async () => {
    session.user = ADMIN;
    const { plan } = await json(callRoute(plans.POST, 'POST', '/api/plans', {}, { name: 'Holding', userQuotaGb: 50, bucketQuotaGb: 7, limits: LIMITS }));
    const u = await onPlan('holds@example.com', plan.id);
    expect((await detail(u.id)).plan).toMatchObject({ status: 'applied', drift: [] });

    // The customer makes a bucket through S3: the gateway gives it no quota, and the page says so.
    await gw.as(u.key, 'PUT', '/holds-late');
    const before = (await detail(u.id)).plan;
    expect(before.status).toBe('drifted');
    expect(before.drift).toEqual([{ key: 'bucket-quota:holds-late', what: 'Quota of bucket holds-late', plan: '7 GB', gateway: 'unlimited', planValue: 7, gatewayValue: 0 }]);

    // A storage round is followed by a reconciliation, which covers the bucket.
    await json(callRoute(usageJobs.POST, 'POST', '/api/usage/jobs/sample', { kind: 'sample' }));
    await finished('usage.sample');
    const run = await finished('plans.reconcile');
    expect(run).toMatchObject({ state: 'done', trigger: 'schedule', startedBy: 'storage round' });
    expect(run.progress).toMatchObject({ covered: 1, drifted: 0, errors: [] });
    expect(await gw.adminJson('GET', 'ostor-quotas&bucket=holds-late')).toMatchObject({ size: '7' });
    expect((await detail(u.id)).plan).toMatchObject({ status: 'applied', drift: [] });
    const entry = (await json(callRoute(audit.GET, 'GET', '/api/audit?action=plan.reconcile'))).rows[0];
    expect(entry).toMatchObject({ actorName: 'Console (plan reconciliation)', role: 'system', target: `user:${u.id}`, targetLabel: 'holds@example.com' });
    expect(entry.detail).toBe('new bucket holds-late: quota 7 GB, as plan Holding says');

    // Checking again changes nothing.
    await json(callRoute(planJobs.POST, 'POST', '/api/plans/jobs/reconcile', { kind: 'reconcile' }));
    expect((await finished('plans.reconcile')).progress).toMatchObject({ covered: 0 });
  });

  it('runs the reconciliation on its own schedule too', async () => {
    const system = await jobSystem();
    const before = (await system.latest('plans.reconcile'))?.id;
    const stop = startSchedules(system, { reconcile: 2 }, 20);
    try {
      await vi.waitFor(async () => expect((await system.latest('plans.reconcile'))?.id).not.toBe(before), { timeout: 10_000, interval: 25 });
    } finally {
      stop();
    }
    expect(await finished('plans.reconcile')).toMatchObject({ trigger: 'schedule', startedBy: 'schedule', state: 'done' });
  });

  it('keep a hand-set value as an override: re-applying respects it, drift lists it apart, removing it brings drift back', async () => {
    session.user = ADMIN;
    const { plan } = await json(callRoute(plans.POST, 'POST', '/api/plans', {}, { name: 'Overridden', userQuotaGb: 12, bucketQuotaGb: 0, limits: LIMITS }));
    const u = await onPlan('keeps@example.com', plan.id);
    await gw.admin('PUT', 'ostor-quotas&emailAddress=keeps%40example.com&quota-size=15');
    expect((await detail(u.id)).plan.drift).toEqual([{ key: 'user-quota', what: 'User quota', plan: '12 GB', gateway: '15 GB', planValue: 12, gatewayValue: 15 }]);

    const set = (body: unknown, status = 200) => json(callRoute(overrides.PUT, 'PUT', `/api/users/${u.id}/plan/overrides`, { id: u.id }, body), status);
    expect(await set({ key: 'user-quota', value: 15 })).toEqual({ overrides: { 'user-quota': 15 } });
    const kept = (await detail(u.id)).plan;
    expect(kept).toMatchObject({ status: 'applied', drift: [] });
    expect(kept.overrides).toEqual([{ key: 'user-quota', what: 'User quota', plan: '12 GB', value: '15 GB', planValue: 12, overrideValue: 15 }]);

    // The plan is re-applied to all its users: 15 GB stays.
    const asked = await json(callRoute(reapply.POST, 'POST', `/api/plans/${plan.id}/reapply`, { id: plan.id }));
    expect(asked.users).toBe(1);
    const run = await finished('plans.apply');
    expect(run).toMatchObject({ state: 'done', message: '1 of 1 user brought to Overridden' });
    expect(await gw.adminJson('GET', 'ostor-quotas&emailAddress=keeps%40example.com')).toMatchObject({ size: '15' });
    expect((await json(callRoute(plans.GET, 'GET', '/api/plans'))).plans.find((p: { id: string }) => p.id === plan.id)).toMatchObject({ users: 1, drifted: 0, reapplyPending: false });

    // Follow the plan again: drift is back, and re-applying then sets 12.
    expect(await set({ key: 'user-quota', value: null })).toEqual({ overrides: {} });
    expect((await detail(u.id)).plan.drift.map((d: { key: string }) => d.key)).toEqual(['user-quota']);

    // Refusals, each in words.
    expect((await set({ key: 'bucket-quota:not-hers', value: 1 }, 422)).error.fields.key).toMatch(/bucket the user owns/);
    expect((await set({ key: 'password', value: 1 }, 422)).error.fields.key).toMatch(/setting of the plan/);
    expect((await set({ key: 'user-quota', value: 1.5 }, 422)).error.fields.value).toMatch(/whole GB/);
    expect((await set({ key: 'limit:get', value: -1 }, 422)).error.fields.value).toMatch(/0 or more/);
    expect((await set({ key: 'limit:get', value: '7' }, 422)).error.fields.value).toMatch(/number/);
  });

  it('moving to another plan leaves the old plan’s overrides behind', async () => {
    session.user = ADMIN;
    const a = (await json(callRoute(plans.POST, 'POST', '/api/plans', {}, { name: 'Mover A', userQuotaGb: 1, bucketQuotaGb: 0, limits: LIMITS }))).plan;
    const b = (await json(callRoute(plans.POST, 'POST', '/api/plans', {}, { name: 'Mover B', userQuotaGb: 2, bucketQuotaGb: 0, limits: LIMITS }))).plan;
    const u = await onPlan('mover@example.com', a.id);
    await json(callRoute(overrides.PUT, 'PUT', `/api/users/${u.id}/plan/overrides`, { id: u.id }, { key: 'user-quota', value: 9 }));
    await json(callRoute(userPlan.PUT, 'PUT', `/api/users/${u.id}/plan`, { id: u.id }, { planId: b.id }));
    expect((await detail(u.id)).plan).toMatchObject({ name: 'Mover B', overrides: [], drift: [] });
    expect(await gw.adminJson('GET', 'ostor-quotas&emailAddress=mover%40example.com')).toMatchObject({ size: '2' });
  });

  it('show drift in the users list, filter by it, and forget it when the plan changes', async () => {
    session.user = ADMIN;
    const { plan } = await json(callRoute(plans.POST, 'POST', '/api/plans', {}, { name: 'Listed', userQuotaGb: 3, bucketQuotaGb: 0, limits: LIMITS }));
    const steady = await onPlan('listed.steady@example.com', plan.id);
    const moved = await onPlan('listed.moved@example.com', plan.id);
    await gw.admin('PUT', 'ostor-limits&emailAddress=listed.moved%40example.com&limit-type=ops&limit-resource=get&limit-value=7');
    await json(callRoute(planJobs.POST, 'POST', '/api/plans/jobs/reconcile', { kind: 'reconcile' }));
    await finished('plans.reconcile');
    const list = await json(callRoute(users.GET, 'GET', `/api/users?plan=${plan.id}&pageSize=25`));
    expect(list.items.map((u: { email: string; plan: { state: string } }) => [u.email, u.plan.state])).toEqual([
      ['listed.moved@example.com', 'drifted'],
      ['listed.steady@example.com', 'in-sync'],
    ]);
    const drifted = await json(callRoute(users.GET, 'GET', `/api/users?plan=${plan.id}&drift=drifted`));
    expect(drifted.items.map((u: { id: string }) => u.id)).toEqual([moved.id]);
    expect((await json(callRoute(plans.GET, 'GET', '/api/plans'))).plans.find((p: { id: string }) => p.id === plan.id)).toMatchObject({ users: 2, drifted: 1 });

    await json(callRoute(onePlan.PUT, 'PUT', `/api/plans/${plan.id}`, { id: plan.id }, { name: 'Listed', userQuotaGb: 4, bucketQuotaGb: 0, limits: LIMITS }));
    const after = await json(callRoute(users.GET, 'GET', `/api/users?plan=${plan.id}`));
    expect(after.items.map((u: { plan: { state: string } }) => u.plan.state)).toEqual(['unchecked', 'unchecked']);
    expect(steady.id).toBeTruthy();
  });

  it('a user page reads each of the user’s settings from the gateway once, and writes the drift only when it changed', async () => {
    session.user = ADMIN;
    const { plan } = await json(callRoute(plans.POST, 'POST', '/api/plans', {}, { name: 'Read Once', userQuotaGb: 20, bucketQuotaGb: 3, limits: LIMITS }));
    const u = await onPlan('read-once@example.com', plan.id);
    await gw.as(u.key, 'PUT', '/read-once-a');
    await gw.as(u.key, 'PUT', '/read-once-b');
    const first = (await detail(u.id)).plan;
    expect(first).toMatchObject({ status: 'drifted', drift: [expect.objectContaining({ key: 'bucket-quota:read-once-a' }), expect.objectContaining({ key: 'bucket-quota:read-once-b' })] });

    const written = vi.spyOn(await import('@/lib/plans/store'), 'saveDrift');
    const { result: again, calls } = await watchGatewayCalls(gw.sim.url, () => detail(u.id));
    expect(again.plan).toEqual({ ...first, checkedAt: expect.any(String) });
    // The user, its buckets, its limits, its quota, the default quota, and each bucket's quota: once each.
    expect([...calls].sort()).toEqual(
      [
        `GET /?ostor-users&id=${u.id}`,
        `GET /?ostor-buckets&emailAddress=read-once%40example.com`,
        `GET /?ostor-limits&emailAddress=read-once%40example.com`,
        `GET /?ostor-quotas&emailAddress=read-once%40example.com`,
        'GET /?ostor-quotas&default=user',
        'GET /?ostor-quotas&bucket=read-once-a',
        'GET /?ostor-quotas&bucket=read-once-b',
      ].sort(),
    );
    // (Counted, not matched: a failure would print the database handle the calls were given.)
    expect(written.mock.calls.length).toBe(0);

    // A change on the gateway is written on the next view.
    await gw.admin('PUT', 'ostor-quotas&bucket=read-once-a&quota-size=3');
    expect((await detail(u.id)).plan.drift.map((d: { key: string }) => d.key)).toEqual(['bucket-quota:read-once-b']);
    expect(written.mock.calls.length).toBe(1);
    written.mockRestore();

    // Seen before, the user's own answer and what needs its email are asked together; a wrong guess is read again, never shown.
    const { rememberEmail } = await import('@/lib/users/lookup');
    await gw.createUser('read-once-other@example.com');
    await gw.admin(`PUT`, `ostor-limits&emailAddress=read-once-other%40example.com&limit-type=ops&limit-resource=get&limit-value=999`);
    rememberEmail(u.id, 'read-once-other@example.com');
    const { result: checked, calls: guessed } = await watchGatewayCalls(gw.sim.url, () => detail(u.id));
    expect(checked).toMatchObject({ email: 'read-once@example.com', limits: { get: 100 } });
    expect(checked.buckets.map((b: { name: string }) => b.name).sort()).toEqual(['read-once-a', 'read-once-b']);
    expect(guessed).toContain('GET /?ostor-limits&emailAddress=read-once-other%40example.com');
    expect(guessed).toContain('GET /?ostor-limits&emailAddress=read-once%40example.com');
  });
});
