import { spawnSync } from 'node:child_process';
import { expect, test, type APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { createServerDatabase } from '../lib/db/server-database';
import { startSimulator, type Simulator } from '../sim/server';
import { call } from '../sim/testing/client';
import { E2E } from './env';
import { startConsole, type ConsoleInstance } from './instance';

/**
 * Two console instances on one PostgreSQL database, behind no sticky load balancer: the test
 * talks to either, and to a simulator of its own with faults injected. One instance is killed
 * with SIGKILL in the middle of a job at the end.
 */
test.describe.configure({ mode: 'serial' });

let sim: Simulator;
let server: { url: string; drop: () => Promise<void> };
let a: ConsoleInstance;
let b: ConsoleInstance;
let api: APIRequestContext;

const fault = (service: string, body: Record<string, unknown>) => fetch(`${sim.url}/__sim/faults/${service}`, { method: 'PUT', body: JSON.stringify(body) });
const clearFaults = () => fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
const simTest = async (method: string, path: string, body?: unknown) => (await fetch(sim.url + path, { method, body: body === undefined ? undefined : JSON.stringify(body) })).json();
const gateway = async (method: string, query: string) => {
  const r = await call(sim.url, method, `/?${query}`, sim.systemKey);
  return r.text ? JSON.parse(r.text) : null;
};

async function ledger<T>(query: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query(query)).rows as T[];
  } finally {
    await client.end();
  }
}

async function get(instance: ConsoleInstance, path: string) {
  const response = await api.get(instance.url + path);
  return { status: response.status(), body: await response.json() };
}

async function post(instance: ConsoleInstance, path: string, data?: unknown) {
  const response = await api.post(instance.url + path, { data, headers: { origin: instance.url } });
  return { status: response.status(), body: await response.json() };
}

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  sim = await startSimulator({ port: 0, testApi: true, usagePeriod: 3600 });
  server = await createServerDatabase('staas_e2e_instances');
  const env = {
    DATABASE_URL: server.url,
    GATEWAY_URL: sim.url,
    GATEWAY_ACCESS_KEY_ID: sim.systemKey.id,
    GATEWAY_SECRET_ACCESS_KEY: sim.systemKey.secret,
    GATEWAY_TIMEOUT_MS: '1500',
    GATEWAY_DEADLINE_MS: '4000',
    JOB_HEARTBEAT_TIMEOUT: '3',
  };
  a = await startConsole({ port: E2E.consolePort + 2, name: 'instance-a', env });
  b = await startConsole({ port: E2E.consolePort + 3, name: 'instance-b', env });
  // One session for both: they share the session secret and sit on one host.
  api = await playwright.request.newContext();
  const csrf = await (await api.get(`${a.url}/api/auth/csrf`)).json();
  const signIn = await api.post(`${a.url}/api/auth/callback/staff`, { form: { email: E2E.admin.email, password: E2E.admin.password, csrfToken: csrf.csrfToken, json: 'true' } });
  expect(signIn.status()).toBe(200);
});

test.afterAll(async () => {
  await api?.dispose();
  await a?.stop();
  await b?.stop();
  await sim?.close();
  await server?.drop();
});

test('health: both instances are live and ready, with no session, saying nothing more', async () => {
  for (const instance of [a, b]) {
    const live = await fetch(`${instance.url}/api/health/live`);
    expect(await live.json()).toEqual({ status: 'live' });
    const ready = await fetch(`${instance.url}/api/health/ready`);
    const text = await ready.text();
    expect(ready.status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ status: 'ready', checks: { database: { ok: true }, migrations: { ok: true }, gateway: { ok: true } } });
    expect(text).not.toContain(sim.url);
  }
  await fault('s3', { mode: 'error', status: 500 });
  try {
    // Probes within a second of a check share its answer: the failure shows from the next second.
    await expect.poll(async () => (await fetch(`${a.url}/api/health/ready`)).status, { timeout: 5_000 }).toBe(503);
    const ready = await fetch(`${a.url}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not-ready', checks: { gateway: { ok: false } } });
  } finally {
    await clearFaults();
  }
});

test('a change made on one instance shows on the other at its very next request', async () => {
  // B has the lists cached.
  expect((await get(b, '/api/users')).status).toBe(200);
  const owner = await gateway('PUT', 'ostor-users&emailAddress=owner%40instances.test');
  await call(sim.url, 'PUT', '/shared-bucket', { id: owner.AWSAccessKeys[0].AWSAccessKeyId, secret: owner.AWSAccessKeys[0].AWSSecretAccessKey });
  expect((await get(b, '/api/buckets?refresh=1&q=shared-bucket')).body.total).toBe(1);

  const created = await post(a, '/api/users', { email: 'made-on-a@instances.test' });
  expect(created.status).toBe(200);
  expect((await get(b, '/api/users?q=made-on-a')).body.items.map((u: { email: string }) => u.email)).toEqual(['made-on-a@instances.test']);

  const deleted = await api.delete(`${a.url}/api/buckets/shared-bucket`, { data: { confirm: 'shared-bucket' }, headers: { origin: a.url } });
  expect(deleted.status()).toBe(200);
  expect((await get(b, '/api/buckets?q=shared-bucket')).body.total).toBe(0);
});

test('a create whose answer is garbled is read back: the first secret key is not lost', async () => {
  await fault('ostor-users', { mode: 'malformed', count: 1 });
  const created = await post(a, '/api/users', { email: 'half-seen@instances.test' });
  expect(created.status).toBe(200);
  const info = await gateway('GET', 'ostor-users&emailAddress=half-seen%40instances.test');
  expect(created.body).toMatchObject({ keyPair: { secretKey: info.AWSAccessKeys[0].AWSSecretAccessKey }, recovered: expect.any(String) });
  expect((await get(b, '/api/users?q=half-seen')).body.total).toBe(1);
});

test('a hanging gateway costs one deadline for the whole request, retries included, and says so', async () => {
  const user = await gateway('PUT', 'ostor-users&emailAddress=slow%40instances.test');
  await fault('ostor-users', { mode: 'hang' });
  try {
    const started = Date.now();
    const answer = await get(a, `/api/users/${user.UserId}`);
    const elapsed = Date.now() - started;
    expect(answer.status).toBe(504);
    expect(answer.body.error.message).toMatch(/did not answer in time: \d tries in [34]\.\d s/);
    // One budget of 4 s, not three tries of 1.5 s plus a second call's own.
    expect(elapsed).toBeLessThan(8000);
  } finally {
    await clearFaults();
  }
});

test('simultaneous wrong passwords on both instances never check more than the limit', async () => {
  test.setTimeout(60_000);
  const attempt = async (instance: ConsoleInstance, i: number) => {
    const csrf = await (await api.get(`${instance.url}/api/auth/csrf`)).json();
    return api.post(`${instance.url}/api/auth/callback/staff`, { form: { email: 'nobody@instances.test', password: `guess ${i}`, csrfToken: csrf.csrfToken, json: 'true' } });
  };
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(i % 2 ? a : b, i)));
  expect(results.filter((r) => r.status() === 401)).toHaveLength(10);
  expect(results.filter((r) => r.status() === 429)).toHaveLength(30);
  const [{ n }] = await ledger<{ n: number }>(`select count(*)::int as n from audit_log where action = 'auth.sign-in' and actor_name = 'nobody@instances.test'`);
  expect(n).toBe(10);
});

test('garbled reads lose no billing data; one job is seen alike from both instances; killed mid-run, the other carries it to the end, exactly once', async () => {
  test.setTimeout(120_000);
  await simTest('POST', '/__sim/usage/generate', { objects: 60, items: 10, start: Date.UTC(2026, 0, 1) });
  // The listing goes through; the next 5 reads come back garbled.
  await fault('ostor-usage', { mode: 'malformed', skip: 1, count: 5 });
  const first = await post(a, '/api/usage/jobs/collect');
  expect(first.status).toBe(200);
  await expect.poll(async () => (await get(b, '/api/usage/jobs/collect')).body.job, { timeout: 30_000 }).toMatchObject({ id: first.body.job.id, state: 'done' });
  const afterFirst = (await get(a, '/api/usage/jobs/collect')).body.job;
  expect(afterFirst.progress).toMatchObject({ failing: 5, quarantined: 0 });

  // Slow reads: the second run takes a while. Both instances show the same run and its progress.
  await fault('ostor-usage', { latencyMs: 700 });
  await simTest('POST', '/__sim/usage/generate', { objects: 40, items: 10, start: Date.UTC(2026, 2, 1) });
  const second = await post(b, '/api/usage/jobs/collect');
  expect(second.status).toBe(200);
  const id = second.body.job.id;
  await expect
    .poll(async () => (await get(a, '/api/usage/jobs/collect')).body.job, { timeout: 20_000 })
    .toMatchObject({ id, state: 'running', progress: { done: expect.any(Number) } });
  const [fromA1, fromB, fromA2] = [(await get(a, '/api/usage/jobs/collect')).body.job, (await get(b, '/api/usage/jobs/collect')).body.job, (await get(a, '/api/usage/jobs/collect')).body.job];
  expect(fromB.id).toBe(id);
  expect(fromB.instance).toBe(fromA1.instance);
  expect(fromB.progress.done).toBeGreaterThanOrEqual(fromA1.progress.done);
  expect(fromB.progress.done).toBeLessThanOrEqual(fromA2.progress.done);

  // Kill -9 the instance running it; the other notices its silence and carries the same run on.
  const runner = fromA2.instance.includes(`:${a.pid}:`) ? a : b;
  const survivor = runner === a ? b : a;
  process.kill(runner.pid, 'SIGKILL');
  await runner.stop();
  await fault('ostor-usage', { latencyMs: 0 });
  await expect
    .poll(async () => (await get(survivor, '/api/usage/jobs/collect')).body.job, { timeout: 60_000, intervals: [500] })
    .toMatchObject({ id, state: 'done', attempts: 2, instance: expect.stringContaining(`:${survivor.pid}:`) });

  // Everything is in the ledger, exactly once: equal to the simulator's own count.
  // (Only the generated objects' buckets: the test's own S3 request above is still in the gateway's memory.)
  const truth = ((await simTest('GET', '/__sim/truth')).buckets as { bucket: string; counters: { ops: Record<string, number>; net_io: Record<string, number> } }[]).filter((t) => t.bucket !== 'shared-bucket');
  const expected = truth.reduce((s, t) => s + t.counters.ops.put + t.counters.ops.get + t.counters.ops.list + t.counters.ops.other, 0);
  const [{ requests, objects }] = await ledger<{ requests: string; objects: number }>(
    `select (select sum(ops_put + ops_get + ops_list + ops_other) from usage_items)::text as requests, (select count(*)::int from usage_objects where status = 'collected') as objects`,
  );
  expect(objects).toBe(100);
  expect(Number(requests)).toBe(expected);
  expect((await gateway('GET', 'ostor-usage')).items).toEqual([]);

  // SIGTERM mid-run: the instance stops taking requests, hands its job back and exits cleanly;
  // the next instance to come up carries the same run on.
  await fault('ostor-usage', { latencyMs: 500 });
  await simTest('POST', '/__sim/usage/generate', { objects: 30, items: 5, start: Date.UTC(2026, 4, 1) });
  const third = await post(survivor, '/api/usage/jobs/collect');
  await expect.poll(async () => (await get(survivor, '/api/usage/jobs/collect')).body.job.progress?.done ?? 0, { timeout: 20_000 }).toBeGreaterThan(2);
  expect(await survivor.stop('SIGTERM')).toBe(0);
  expect(survivor.log()).toMatch(/SIGTERM: no new requests/);
  expect((await ledger<{ state: string; message: string }>(`select state, message from job_runs where id = '${third.body.job.id}'`))[0]).toMatchObject({ state: 'queued', message: expect.stringContaining('Handed back') });
  await fault('ostor-usage', { latencyMs: 0 });
  const next = await startConsole({ port: E2E.consolePort + 4, name: 'instance-c', env: { DATABASE_URL: server.url, GATEWAY_URL: sim.url, GATEWAY_ACCESS_KEY_ID: sim.systemKey.id, GATEWAY_SECRET_ACCESS_KEY: sim.systemKey.secret, JOB_HEARTBEAT_TIMEOUT: '3' } });
  try {
    await expect
      .poll(async () => (await ledger<{ state: string; attempts: number }>(`select state, attempts from job_runs where id = '${third.body.job.id}'`))[0], { timeout: 30_000 })
      .toMatchObject({ state: 'done', attempts: 2 });
    const [{ collected }] = await ledger<{ collected: number }>(`select count(*)::int as collected from usage_objects where status = 'collected'`);
    expect(collected).toBe(130);
  } finally {
    await next.stop();
  }
});

test('a purge killed with SIGKILL midway is finished by the other instance: nothing is left behind, and the service can still be invoiced', async () => {
  test.setTimeout(150_000);
  const env = { DATABASE_URL: server.url, GATEWAY_URL: sim.url, GATEWAY_ACCESS_KEY_ID: sim.systemKey.id, GATEWAY_SECRET_ACCESS_KEY: sim.systemKey.secret, JOB_HEARTBEAT_TIMEOUT: '3' };
  const one = await startConsole({ port: E2E.consolePort + 5, name: 'instance-d', env });
  const two = await startConsole({ port: E2E.consolePort + 6, name: 'instance-e', env });
  try {
    // Starting an instance resets the test admin's password, which ends its sessions: sign in again.
    const csrf = await (await api.get(`${one.url}/api/auth/csrf`)).json();
    expect((await api.post(`${one.url}/api/auth/callback/staff`, { form: { email: E2E.admin.email, password: E2E.admin.password, csrfToken: csrf.csrfToken, json: 'true' } })).status()).toBe(200);
    // A token from the command line, as automation would make one.
    const made = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/create-token.ts', '--name', 'Purge test', '--scopes', 'provisioning,usage:read'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: server.url } });
    expect(made.status, made.stderr).toBe(0);
    const token = /^Token: (stc_\S+)$/m.exec(made.stdout)![1];
    const auth = { authorization: `Bearer ${token}` };
    expect((await post(one, '/api/plans', { name: 'Purged', userQuotaGb: 0, bucketQuotaGb: 0, limits: { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 } })).status).toBe(200);

    const created = await api.post(`${one.url}/api/v1/services`, { headers: auth, data: { serviceId: 'purge-1', email: 'purged@instances.test', plan: 'Purged' } });
    expect(created.status(), await created.text()).toBe(200);
    const service = await created.json();
    const key = { id: service.accessKeyId, secret: service.secretAccessKey };
    for (const bucket of ['purge-a', 'purge-b']) {
      expect((await call(sim.url, 'PUT', `/${bucket}`, key)).status).toBe(200);
      for (let i = 0; i < 150; i++) expect((await call(sim.url, 'PUT', `/${bucket}/o/${i}.txt`, key, { body: 'x'.repeat(100) })).status).toBe(200);
    }
    // Slow deletes: the purge takes long enough to be killed in the middle.
    await fault('s3', { latencyMs: 40 });
    const purge = await api.delete(`${two.url}/api/v1/services/purge-1?purge=true`, { headers: auth });
    expect(purge.status(), await purge.text()).toBe(200);
    const { job } = await purge.json();
    const jobOf = async (instance: ConsoleInstance) => (await (await api.get(`${instance.url}/api/v1/jobs/${job.id}`, { headers: auth })).json()) as { state: string; objectsDeleted: number; bucketsDeleted: number };
    await expect.poll(async () => (await jobOf(one)).objectsDeleted, { timeout: 30_000 }).toBeGreaterThan(50);
    const [run] = await ledger<{ instance: string; id: string }>(`select instance, id from job_runs where kind = 'services.purge' and state = 'running'`);
    const runner = run.instance.includes(`:${one.pid}:`) ? one : two;
    const survivor = runner === one ? two : one;
    process.kill(runner.pid, 'SIGKILL');
    await runner.stop();
    const midway = await jobOf(survivor);
    expect(midway.state).not.toBe('done');
    await fault('s3', { latencyMs: 0 });

    await expect.poll(async () => (await jobOf(survivor)).state, { timeout: 60_000, intervals: [500] }).toBe('done');
    // Deletes are counted as they are recorded: those the killed instance made after its last
    // record are done but not counted; nothing is left behind either way (checked below).
    const finished = await jobOf(survivor);
    expect(finished.bucketsDeleted).toBe(2);
    expect(finished.objectsDeleted).toBeGreaterThan(240);
    expect(finished.objectsDeleted).toBeLessThanOrEqual(300);
    expect((await ledger<{ attempts: number }>(`select attempts from job_runs where id = '${run.id}'`))[0].attempts).toBe(2);
    expect((await call(sim.url, 'GET', '/?ostor-users&emailAddress=purged%40instances.test', sim.systemKey)).status).toBe(404);
    const buckets = (await gateway('GET', 'ostor-buckets')).Buckets as { name: string }[];
    expect(buckets.map((b) => b.name).filter((n) => n.startsWith('purge-'))).toEqual([]);
    const usage = await api.get(`${survivor.url}/api/v1/services/purge-1/usage?month=${new Date().toISOString().slice(0, 7)}`, { headers: auth });
    expect(await usage.json()).toMatchObject({ serviceId: 'purge-1', state: 'terminated', storedBytes: 0 });
  } finally {
    await fault('s3', { latencyMs: 0 });
    await one.stop();
    await two.stop();
  }
});
