import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/options';
import { callRoute, consoleEnvironment } from '@/lib/api/testing';
import { jobSystem } from '@/lib/jobs';
import { startSchedules } from '@/lib/usage/jobs';
import * as retried from './usage/statistics/[name]/retry/route';
import { testGateway } from '@/sim/testing/harness';
import * as jobs from './usage/jobs/[kind]/route';
import * as statistic from './usage/statistics/[name]/route';
import * as statistics from './usage/statistics/route';
import * as usage from './usage/route';
import * as exported from './usage/export/route';
import * as trace from './usage/trace/route';
import * as mine from './me/usage/route';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));

const gw = testGateway();
consoleEnvironment(gw);

const ADMIN: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Admin', role: 'admin' };
const SUPPORT: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000002', name: 'Support', role: 'support' };
const JUNE = 'from=2026-06-01&to=2026-07-01';

async function json(response: Promise<Response>, status = 200) {
  const r = await response;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return JSON.parse(text);
}

/** Starts a job (or joins the running one) and waits for its end. */
async function runJob(kind: 'collect' | 'sample') {
  const started = await json(callRoute(jobs.POST, 'POST', `/api/usage/jobs/${kind}`, { kind }));
  expect(started.job).toMatchObject({ kind: `usage.${kind}`, trigger: 'manual', startedBy: 'Admin' });
  return waitFor(kind);
}

async function waitFor(kind: 'collect' | 'sample') {
  for (;;) {
    const { job } = await json(callRoute(jobs.GET, 'GET', `/api/usage/jobs/${kind}`, { kind }));
    if (job.state !== 'running' && job.state !== 'queued') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the usage API', () => {
  let alice: { id: string; key: { id: string } };
  let bob: { id: string };
  const truth = new Map<string, { uploaded: number; downloaded: number; requests: number }>();

  it('collects now with progress, then reports figures equal to the gateway’s truth', async () => {
    alice = await gw.createUser('alice@example.com');
    bob = await gw.createUser('bob@example.com');
    await gw.testApi('POST', '/__sim/usage/generate', { objects: 30, items: 8, start: Date.UTC(2026, 5, 3), users: [alice.id, bob.id] });
    for (const b of (await gw.testApi('GET', '/__sim/truth')).buckets) {
      const t = truth.get(b.owner_id) ?? { uploaded: 0, downloaded: 0, requests: 0 };
      t.uploaded += b.counters.net_io.uploaded;
      t.downloaded += b.counters.net_io.downloaded;
      t.requests += b.counters.ops.put + b.counters.ops.get + b.counters.ops.list + b.counters.ops.other;
      truth.set(b.owner_id, t);
    }

    session.user = ADMIN;
    const job = await runJob('collect');
    expect(job).toMatchObject({ state: 'done', progress: { total: 30, done: 30, collected: 30, errors: [] } });
    expect(job.message).toBe('30 usage reports added to the figures.');

    session.user = SUPPORT;
    const report = await json(callRoute(usage.GET, 'GET', `/api/usage?${JUNE}`));
    expect(report.series).toHaveLength(30);
    expect(report.units.transfer).toBe('GB: 10^9 bytes');
    expect(report.updated.collectedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const totalUp = truth.get(alice.id)!.uploaded + truth.get(bob.id)!.uploaded;
    expect(report.totals.uploadedBytes).toBe(String(totalUp));
    expect(report.top.uploaded.map((r: { userId: string }) => r.userId).sort()).toEqual([alice.id, bob.id].sort());
    for (const r of report.top.requests) expect(r.figures.requests.total).toBe(String(truth.get(r.userId)!.requests));
    expect(report.top.uploaded.map((r: { email: string }) => r.email).sort()).toEqual(['alice@example.com', 'bob@example.com']);

    const byMonth = await json(callRoute(usage.GET, 'GET', `/api/usage?from=2026-05-01&to=2026-08-01&group=month&user=${bob.id}`));
    expect(byMonth.series.map((s: { period: string; downloadedBytes: string }) => [s.period, s.downloadedBytes])).toEqual([
      ['2026-05', '0'],
      ['2026-06', String(truth.get(bob.id)!.downloaded)],
      ['2026-07', '0'],
    ]);
    expect(byMonth.top).toBeNull();
  });

  it('exports a user’s month as CSV and as the same JSON', async () => {
    session.user = SUPPORT;
    const csv = await callRoute(exported.GET, 'GET', `/api/usage/export?user=${alice.id}&month=2026-06&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="usage-2026-06-alice_example.com.csv"');
    const lines = (await csv.text()).trim().split('\r\n');
    const total = lines.at(-1)!.split(',');
    expect(total.slice(0, 5)).toEqual(['2026-06', alice.id, 'alice@example.com', 'TOTAL', '']);
    expect(total[7]).toBe(String(truth.get(alice.id)!.uploaded));

    const body = await json(callRoute(exported.GET, 'GET', `/api/usage/export?user=${alice.id}&month=2026-06&format=json`));
    expect(body.total.uploadedBytes).toBe(total[7]);
    expect(body.lines).toHaveLength(lines.length - 2);
  });

  it('exports every user’s month for a billing run: a line per user or per bucket, CSV or JSON, read a page of users at a time', async () => {
    session.user = SUPPORT;
    const csv = await callRoute(exported.GET, 'GET', '/api/usage/export?month=2026-06&format=csv');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="usage-2026-06-all-users.csv"');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^month,user_id,user_email,bucket,epoch,storage_byte_seconds,/);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual(
      [
        [alice.id, 'alice@example.com', ''],
        [bob.id, 'bob@example.com', ''],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    for (const r of rows) expect(r[7]).toBe(String(truth.get(r[1])!.uploaded));

    const byBucket = await json(callRoute(exported.GET, 'GET', '/api/usage/export?month=2026-06&format=json&by=bucket'));
    expect(byBucket).toMatchObject({ month: '2026-06', by: 'bucket', units: { transfer: 'GB: 10^9 bytes' } });
    for (const who of [alice.id, bob.id]) {
      const mine = byBucket.lines.filter((l: { userId: string }) => l.userId === who);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((l: { bucket: string; email: string }) => l.bucket !== '' && l.email !== null)).toBe(true);
      expect(mine.reduce((sum: bigint, l: { uploadedBytes: string }) => sum + BigInt(l.uploadedBytes), 0n)).toBe(BigInt(truth.get(who)!.uploaded));
    }

    // Many users, read a page at a time: every line once, in order, whatever the page size.
    const { billingRun } = await import('@/lib/usage/invoice');
    const { db } = await import('@/lib/db');
    const seen: string[] = [];
    for await (const line of billingRun(await db(), { month: '2026-06', by: 'user', pageSize: 1 })) seen.push(line.userId);
    expect(seen).toEqual([alice.id, bob.id].sort());
    expect((await json(callRoute(exported.GET, 'GET', '/api/usage/export?month=2020-01&format=json'))).lines).toEqual([]);
    expect((await json(callRoute(exported.GET, 'GET', '/api/usage/export?month=2026-06&by=owner'), 422)).error.fields.by).toMatch(/user.*bucket/);
  });

  it('still bills a month of a user the gateway no longer has', async () => {
    const gone = '00000000000000aa';
    await gw.testApi('POST', '/__sim/usage/generate', { objects: 1, items: 2, start: Date.UTC(2026, 4, 2), users: [gone] });
    session.user = ADMIN;
    await runJob('collect');
    const csv = await callRoute(exported.GET, 'GET', `/api/usage/export?user=${gone}&month=2026-05&format=csv`);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="usage-2026-05-${gone}.csv"`);
    expect((await csv.text()).trim().split('\r\n').at(-1)).toMatch(new RegExp(`^2026-05,${gone},,TOTAL,,0,0\\.000000000,`));
    const report = await json(callRoute(usage.GET, 'GET', '/api/usage?from=2026-05-01&to=2026-06-01'));
    expect(report.top.requests).toEqual([expect.objectContaining({ userId: gone, email: null })]);
    await json(callRoute(exported.GET, 'GET', '/api/usage/export?user=not-an-id&month=2026-05'), 404);
  });

  it('traces a day to the statistics objects behind it', async () => {
    session.user = SUPPORT;
    const day = await json(callRoute(trace.GET, 'GET', `/api/usage/trace?day=2026-06-03&user=${alice.id}`));
    expect(day.objects.length).toBeGreaterThan(0);
    expect(day.objects.every((o: { name: string; deletedAt: string | null }) => o.name.startsWith('s3-usage-') && o.deletedAt)).toBe(true);
    const figures = await json(callRoute(usage.GET, 'GET', `/api/usage?from=2026-06-03&to=2026-06-04&user=${alice.id}`));
    const sum = day.objects.reduce((n: bigint, o: { uploaded: string }) => n + BigInt(o.uploaded), 0n);
    expect(sum.toString()).toBe(figures.totals.uploadedBytes);
  });

  it('shows a customer only their own usage, whatever the query asks', async () => {
    session.user = { id: `customer:${alice.id}`, name: alice.key.id, role: 'customer', s3UserId: alice.id, accessKeyId: alice.key.id };
    const own = await json(callRoute(mine.GET, 'GET', `/api/me/usage?${JUNE}&user=${bob.id}`));
    expect(own.scope.user).toBe(alice.id);
    expect(own.totals.uploadedBytes).toBe(String(truth.get(alice.id)!.uploaded));
    expect(own.top).toBeNull();
  });

  it('answers bad periods in words', async () => {
    session.user = SUPPORT;
    const cases: [string, string, RegExp][] = [
      ['from=2026-02-30', 'from', /YYYY-MM-DD/],
      ['from=2026-06-10&to=2026-06-01', 'to', /after/],
      ['from=2020-01-01&to=2026-01-01&group=day', 'to', /group by month/],
      ['group=week', 'group', /"day" or "month"/],
      ['bucket=b&epoch=x', 'epoch', /whole number/],
    ];
    for (const [query, field, message] of cases) {
      const { error } = await json(callRoute(usage.GET, 'GET', `/api/usage?${query}`), 422);
      expect(error.fields[field], query).toMatch(message);
    }
    const { error } = await json(callRoute(exported.GET, 'GET', '/api/usage/export?user=0000000000000bad&month=2026-13'), 422);
    expect(error.fields.month).toMatch(/YYYY-MM/);
  });

  it('lists waiting statistics objects, opens one, and deletes one only when told it was never collected', async () => {
    const bad = 's3-usage-8000000000000099-2020-01-01T00:00:00.000Z-60';
    await gw.testApi('POST', '/__sim/usage/raw', { name: bad, body: '{"fmt_version": 1, "items": [' });
    const [fresh] = (await gw.testApi('POST', '/__sim/usage/generate', { objects: 1, items: 3, start: Date.UTC(2026, 6, 1), users: [bob.id] })).objects;
    session.user = ADMIN;
    expect((await runJob('collect')).progress).toMatchObject({ failing: 1, quarantined: 0, collected: 1 });
    // The same complete body failing on a second run: quarantined.
    expect((await runJob('collect')).progress).toMatchObject({ failing: 0, quarantined: 1 });
    const [again] = (await gw.testApi('POST', '/__sim/usage/generate', { objects: 1, items: 3, start: Date.UTC(2026, 6, 2), users: [bob.id] })).objects;

    session.user = SUPPORT;
    const { objects, total } = await json(callRoute(statistics.GET, 'GET', '/api/usage/statistics'));
    expect(total).toBe(2);
    expect(objects.find((o: { name: string }) => o.name === bad)).toMatchObject({ state: 'quarantined', note: expect.stringMatching(/JSON/) });
    expect(objects.find((o: { name: string }) => o.name === again)).toMatchObject({ state: 'new', serviceId: '8000000000000099' });
    expect(objects.some((o: { name: string }) => o.name === fresh)).toBe(false);

    const opened = await json(callRoute(statistic.GET, 'GET', `/api/usage/statistics/${again}`, { name: again }));
    expect(opened).toMatchObject({ ok: true, itemCount: 3, ledger: null });
    expect(opened.items[0]).toMatchObject({ userId: bob.id, bucket: 'bench-0', epoch: '0' });
    expect(await json(callRoute(statistic.GET, 'GET', `/api/usage/statistics/${bad}`, { name: bad }))).toMatchObject({ ok: false, ledger: { status: 'quarantined' } });
    await json(callRoute(statistic.DELETE, 'DELETE', `/api/usage/statistics/${again}`, { name: again }), 403);

    session.user = ADMIN;
    const refused = await json(callRoute(statistic.DELETE, 'DELETE', `/api/usage/statistics/${again}`, { name: again }), 409);
    expect(refused.error.message).toMatch(/never collected/);
    expect(await json(callRoute(statistic.DELETE, 'DELETE', `/api/usage/statistics/${again}?uncollected=1`, { name: again }))).toEqual({ name: again, wasCollected: false });
    await json(callRoute(statistic.GET, 'GET', `/api/usage/statistics/${again}`, { name: again }), 404);
    await json(callRoute(statistic.GET, 'GET', '/api/usage/statistics/..%2Fetc', { name: '../etc' }), 404);

    // Retry collection: the object is read afresh by the next run (failing again, as its body has not changed).
    expect(await json(callRoute(retried.POST, 'POST', `/api/usage/statistics/${bad}/retry`, { name: bad }))).toEqual({ name: bad, state: 'failing' });
    expect((await json(callRoute(retried.POST, 'POST', `/api/usage/statistics/${bad}/retry`, { name: bad }), 409)).error.code).toBe('not_quarantined');
    expect((await runJob('collect')).progress).toMatchObject({ failing: 1, quarantined: 0 });
    const listed = (await json(callRoute(statistics.GET, 'GET', '/api/usage/statistics'))).objects.find((o: { name: string }) => o.name === bad);
    expect(listed).toMatchObject({ state: 'failing', attempts: 3, note: expect.stringMatching(/JSON/) });
  });

  it('takes storage rounds on demand; a second start joins the running one', async () => {
    session.user = ADMIN;
    const first = await json(callRoute(jobs.POST, 'POST', '/api/usage/jobs/sample', { kind: 'sample' }));
    const second = await json(callRoute(jobs.POST, 'POST', '/api/usage/jobs/sample', { kind: 'sample' }));
    expect([first.started, second.started]).toEqual([true, false]);
    const job = await waitFor('sample');
    expect(job).toMatchObject({ state: 'done', message: expect.stringMatching(/recorded \(the first round: storage is measured from now on\)/) });
    await json(callRoute(jobs.POST, 'POST', '/api/usage/jobs/other', { kind: 'other' }), 404);
  });

  it('runs on the schedule inside the server; a kind turned off does not run', async () => {
    await gw.testApi('POST', '/__sim/usage/generate', { objects: 2, items: 2, start: Date.UTC(2026, 7, 1), users: [bob.id] });
    const system = await jobSystem();
    const stop = startSchedules(system, { collect: 10, sample: 0 }, 20);
    try {
      await vi.waitFor(async () => expect(await system.latest('usage.collect')).toMatchObject({ trigger: 'schedule', state: 'done' }), { timeout: 10_000, interval: 20 });
    } finally {
      stop();
    }
    expect((await system.latest('usage.collect'))!.progress).toMatchObject({ collected: 2, errors: [] });
    expect((await system.latest('usage.sample'))!.trigger).toBe('manual');
  });
});
