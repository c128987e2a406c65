import { Validator } from '@seriousme/openapi-schema-validator';
import type { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { callRoute, consoleEnvironment, TEST_CLIENT_ADDRESS, watchGatewayCalls } from '@/lib/api/testing';
import { createToken, takeRequest, RATE_BURST } from '@/lib/api-tokens/tokens';
import type { ApiScope } from '@/lib/db/schema';
import { V1 } from '@/lib/v1/contract';
import { openApiDocument, openApiText } from '@/lib/v1/openapi';
import { testGateway } from '@/sim/testing/harness';

/**
 * The API for billing systems, through its route handlers against the simulator: tokens (each
 * failure mode, scopes on every route, the rate limit, address allowlists), the whole service
 * lifecycle, idempotency, bad input, single sign-on tickets and the OpenAPI document.
 */

vi.mock('@/lib/auth/session', () => ({ currentUser: async () => null }));

const gw = testGateway();
consoleEnvironment(gw);

const MODULES = import.meta.glob<Record<string, unknown>>('./v1/**/route.ts');
type Handler = (req: NextRequest, ctx: { params: Promise<unknown> }) => Promise<Response>;

const tokens: Record<string, string> = {};

async function token(name: string, scopes: ApiScope[], extra: { expiresAt?: Date; allowedCidrs?: string[] } = {}) {
  const { db } = await import('@/lib/db');
  return (await createToken(await db(), { name, scopes, expiresAt: extra.expiresAt ?? null, allowedCidrs: extra.allowedCidrs ?? [], createdBy: 'test' })).token;
}

/** `/api/v1/services/s-1/suspend` → the module `./v1/services/[serviceId]/suspend/route.ts` and its params. */
function resolve(path: string): { file: string; params: Record<string, string> } {
  const clean = path.split('?')[0];
  for (const e of Object.values(V1)) {
    const names: string[] = [];
    const pattern = new RegExp(`^${e.path.replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
    const m = pattern.exec(clean);
    if (m) return { file: `.${e.path.replace('/api', '').replace(/\{(\w+)\}/g, '[$1]')}/route.ts`, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  throw new Error(`no v1 route for ${path}`);
}

async function v1(method: string, path: string, options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) {
  const { file, params } = resolve(path);
  const handler = (await MODULES[file]())[method] as Handler;
  expect(handler, `${method} ${file}`).toBeTypeOf('function');
  const auth: Record<string, string> = options.token === null ? {} : { authorization: `Bearer ${options.token ?? tokens.all}` };
  const response = await callRoute(handler, method, path, params, options.body, { ...auth, ...options.headers });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
}

const s3Status = async (key: { id: string; secret: string }) => (await gw.as(key, 'GET', '/')).status;

beforeAll(async () => {
  const { db } = await import('@/lib/db');
  const { createPlan } = await import('@/lib/plans/store');
  const none = { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 };
  await createPlan(await db(), { name: 'Basic', userQuotaGb: 10, bucketQuotaGb: 2, limits: none });
  await createPlan(await db(), { name: 'Pro', userQuotaGb: 100, bucketQuotaGb: 20, limits: { ...none, get: 500 } });
  tokens.all = await token('Billing', ['provisioning', 'usage:read', 'sso']);
});

describe('tokens', () => {
  it('refuses a missing, malformed, wrong, revoked or expired token with a 401 in words, and a session cookie is no token', async () => {
    expect((await v1('GET', '/api/v1/plans', { token: null })).json.error).toMatchObject({ code: 'unauthenticated' });
    const cookie = await v1('GET', '/api/v1/plans', { token: null, headers: { cookie: 'next-auth.session-token=abc' } });
    expect(cookie.status).toBe(401);
    expect(cookie.json.error.message).toMatch(/not a console session/);
    expect((await v1('GET', '/api/v1/plans', { token: 'not-a-token' })).status).toBe(401);
    const wrong = tokens.all.slice(0, -4) + 'AAAA';
    expect((await v1('GET', '/api/v1/plans', { token: wrong })).json.error).toMatchObject({ code: 'unauthenticated', message: 'This API token is not valid.' });

    const revoked = await token('Old', ['provisioning']);
    const { db } = await import('@/lib/db');
    const { revokeToken } = await import('@/lib/api-tokens/tokens');
    expect((await v1('GET', '/api/v1/plans', { token: revoked })).status).toBe(200);
    await revokeToken(await db(), revoked.split('_')[1]);
    expect((await v1('GET', '/api/v1/plans', { token: revoked })).json.error.code).toBe('token_revoked');

    const expired = await token('Expired', ['provisioning'], { expiresAt: new Date(Date.now() - 1000) });
    const answer = await v1('GET', '/api/v1/plans', { token: expired });
    expect(answer.status).toBe(401);
    expect(answer.json.error.code).toBe('token_expired');
  });

  it('is used only from its allowed addresses', async () => {
    const elsewhere = await token('Office', ['provisioning'], { allowedCidrs: ['10.0.0.0/8'] });
    const refused = await v1('GET', '/api/v1/plans', { token: elsewhere });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'address_not_allowed' });
    expect(refused.json.error.message).toContain(TEST_CLIENT_ADDRESS);
    const here = await token('Here', ['provisioning'], { allowedCidrs: ['203.0.113.0/24'] });
    expect((await v1('GET', '/api/v1/plans', { token: here })).status).toBe(200);
  });

  it('every route needs its scope: a token without it gets a 403 and the gateway is not called', async () => {
    const wanted = new Set<string>();
    for (const [name, e] of Object.entries(V1)) {
      const others = (['provisioning', 'usage:read', 'sso'] as const).filter((s) => s !== e.scope);
      const lacking = await token(`No ${e.scope} (${name})`, [...others]);
      const path = e.path.replace('{serviceId}', 'matrix-1').replace('{id}', '00000000-0000-4000-8000-000000000000') + (e.path.endsWith('/usage') ? '?month=2026-11' : '');
      const { result: answer, calls } = await watchGatewayCalls(gw.sim.url, () => v1(e.method, path, { token: lacking, body: e.method === 'GET' || e.method === 'DELETE' ? undefined : {} }));
      expect(answer.status, `${e.method} ${e.path}`).toBe(403);
      expect(answer.json.error.message).toContain(`“${e.scope}” scope`);
      expect(calls).toEqual([]);
      wanted.add(`${resolve(path).file} ${e.method}`);
    }
    // Every exported handler under /api/v1 (but the public description) is in V1, and so was probed.
    const exported: string[] = [];
    for (const [file, load] of Object.entries(MODULES)) {
      if (file.includes('openapi.json')) continue;
      for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) if (typeof (await load())[m] === 'function') exported.push(`${file} ${m}`);
    }
    expect(exported.sort()).toEqual([...wanted].sort());
  });

  it('holds each token to 20 requests a second with bursts of 40, counted in the database', async () => {
    const { db } = await import('@/lib/db');
    const t = await token('Limited', ['provisioning']);
    const id = t.split('_')[1];
    const t0 = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < RATE_BURST; i++) expect((await takeRequest(await db(), id, 'x', t0)).ok).toBe(true);
    expect(await takeRequest(await db(), id, 'x', t0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    const half = new Date(t0.getTime() + 500);
    for (let i = 0; i < 10; i++) expect((await takeRequest(await db(), id, 'x', half)).ok, `request ${i} after 0.5 s`).toBe(true);
    expect((await takeRequest(await db(), id, 'x', half)).ok).toBe(false);

    const burst = await token('Burst', ['provisioning']);
    const answers = await Promise.all(Array.from({ length: 60 }, () => v1('GET', '/api/v1/plans', { token: burst })));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(60 - RATE_BURST - 20);
    expect(limited[0].headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited[0].json.error.code).toBe('rate_limited');
  });
});

describe('a service through its lifecycle', () => {
  it('create → suspend → unsuspend → change plan → rotate keys → terminate refused with buckets → purge → still invoiced', async () => {
    const created = await v1('POST', '/api/v1/services', { body: { serviceId: 'whmcs-1', email: 'life@example.com', plan: 'Basic' } });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    expect(created.json).toMatchObject({ serviceId: 'whmcs-1', email: 'life@example.com', state: 'active', plan: { name: 'Basic' }, endpoint: gw.sim.url });
    const key = { id: created.json.accessKeyId, secret: created.json.secretAccessKey };
    expect(key.secret).toMatch(/^.{40}$/);
    expect(await s3Status(key)).toBe(200);
    expect(Number((await gw.adminJson('GET', 'ostor-quotas&emailAddress=life%40example.com')).size)).toBe(10);

    const again = await v1('POST', '/api/v1/services', { body: { serviceId: 'whmcs-1', email: 'life@example.com', plan: 'Basic' } });
    expect(again.json).toMatchObject({ userId: created.json.userId, accessKeyId: key.id });
    expect(again.json.secretAccessKey).toBeUndefined();
    expect(again.json.note).toMatch(/not repeated/);
    const other = await v1('POST', '/api/v1/services', { body: { serviceId: 'whmcs-1', email: 'other@example.com', plan: 'Basic' } });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('service_exists');

    const got = await v1('GET', '/api/v1/services/whmcs-1');
    expect(got.json).toMatchObject({ state: 'active', planStatus: 'applied', drift: [], accessKeyIds: [key.id], buckets: 0, quota: { limitBytes: 10e9, usedBytes: 0 } });

    expect((await v1('POST', '/api/v1/services/whmcs-1/suspend', { body: { reason: 'unpaid invoice 77' } })).json).toMatchObject({ state: 'suspended', suspendedReason: 'unpaid invoice 77' });
    expect(await s3Status(key)).toBe(403);
    expect((await v1('POST', '/api/v1/services/whmcs-1/suspend', { body: {} })).json.state).toBe('suspended');
    expect((await v1('POST', '/api/v1/services/whmcs-1/unsuspend')).json).toMatchObject({ state: 'active', suspendedReason: null });
    expect(await s3Status(key)).toBe(200);

    const pro = await v1('PUT', '/api/v1/services/whmcs-1/plan', { body: { plan: 'Pro' } });
    expect(pro.json).toMatchObject({ plan: { name: 'Pro' }, planStatus: 'applied', drift: [] });
    expect(Number((await gw.adminJson('GET', 'ostor-quotas&emailAddress=life%40example.com')).size)).toBe(100);
    expect(Number((await gw.adminJson('GET', 'ostor-limits&emailAddress=life%40example.com'))['ops:get'])).toBe(500);

    const rotated = await v1('POST', '/api/v1/services/whmcs-1/keys', { body: { revoke: key.id } });
    expect(rotated.json).toMatchObject({ revoked: key.id, accessKeyIds: [rotated.json.accessKeyId] });
    expect(await s3Status(key)).toBe(403);
    const fresh = { id: rotated.json.accessKeyId, secret: rotated.json.secretAccessKey };
    expect(await s3Status(fresh)).toBe(200);

    expect((await gw.as(fresh, 'PUT', '/life-bucket')).status).toBe(200);
    for (const k of ['a.txt', 'dir/b.txt', 'x&y <z>.txt']) expect((await gw.as(fresh, 'PUT', `/life-bucket/${k.split('/').map(encodeURIComponent).join('/')}`, { body: 'hello' })).status).toBe(200);
    const refused = await v1('DELETE', '/api/v1/services/whmcs-1');
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain('life-bucket');

    const purge = await v1('DELETE', '/api/v1/services/whmcs-1?purge=true');
    expect(purge.json.service.state).toBe('terminating');
    expect(await s3Status(fresh)).toBe(403);
    const jobId = purge.json.job.id;
    await vi.waitFor(async () => expect((await v1('GET', `/api/v1/jobs/${jobId}`)).json.state).toBe('done'), { timeout: 15_000, interval: 100 });
    expect((await v1('GET', `/api/v1/jobs/${jobId}`)).json).toMatchObject({ bucketsDeleted: 1, objectsDeleted: 3, serviceId: 'whmcs-1' });
    expect((await gw.admin('GET', 'ostor-users&emailAddress=life%40example.com')).status).toBe(404);
    expect((await gw.adminJson('GET', 'ostor-buckets')).Buckets.map((b: { name: string }) => b.name)).not.toContain('life-bucket');

    const month = new Date().toISOString().slice(0, 7);
    const invoiced = await v1('GET', `/api/v1/services/whmcs-1/usage?month=${month}`);
    expect(invoiced.status).toBe(200);
    expect(invoiced.json).toMatchObject({ serviceId: 'whmcs-1', state: 'terminated', month, storedBytes: 0 });
    expect((await v1('GET', '/api/v1/services/whmcs-1')).json.state).toBe('terminated');
    expect((await v1('DELETE', '/api/v1/services/whmcs-1')).json.service.state).toBe('terminated');
  });

  it('a create that stops midway leaves the service incomplete; the same call finishes it and gives the secret then', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-quotas', { mode: 'error', status: 500, count: 20 });
    let failed;
    try {
      failed = await v1('POST', '/api/v1/services', { body: { serviceId: 'half-1', email: 'half@example.com', plan: 'Basic' } });
    } finally {
      await gw.testApi('DELETE', '/__sim/faults');
    }
    expect(failed.status).toBe(502);
    expect(failed.json.error.code).toBe('service_incomplete');
    expect(failed.json.error.message).toMatch(/send the same request again/);
    const half = await v1('GET', '/api/v1/services/half-1');
    expect(half.json).toMatchObject({ state: 'incomplete', email: 'half@example.com', planStatus: 'incomplete' });
    const finished = await v1('POST', '/api/v1/services', { body: { serviceId: 'half-1', email: 'half@example.com', plan: 'Basic' } });
    expect(finished.status, JSON.stringify(finished.json)).toBe(200);
    expect(finished.json).toMatchObject({ state: 'active', userId: half.json.userId });
    expect(finished.json.secretAccessKey).toMatch(/^.{40}$/);
    expect(Number((await gw.adminJson('GET', 'ostor-quotas&emailAddress=half%40example.com')).size)).toBe(10);
  });

  it('usage for a month equals the gateway’s own count after collection, and changes are audited under the token’s name', async () => {
    const made = await v1('POST', '/api/v1/services', { body: { serviceId: 'billed-1', email: 'billed@example.com', plan: 'Basic' } });
    const userId = made.json.userId;
    await gw.testApi('POST', '/__sim/usage/generate', { objects: 6, items: 4, start: Date.UTC(2026, 7, 2), users: [userId] });
    const { database } = await import('@/lib/db');
    const { collectUsage } = await import('@/lib/usage/collector');
    await collectUsage(await database());
    const truth = ((await gw.testApi('GET', '/__sim/truth')).users as { user_id: string; counters: { ops: Record<string, number>; net_io: Record<string, number> } }[]).find((u) => u.user_id === userId)!;
    const usage = (await v1('GET', '/api/v1/services/billed-1/usage?month=2026-08')).json;
    const { bytesToGb } = await import('@/lib/usage/periods');
    expect(usage.gbIn).toBe(bytesToGb(BigInt(truth.counters.net_io.uploaded)));
    expect(usage.gbOut).toBe(bytesToGb(BigInt(truth.counters.net_io.downloaded)));
    expect(usage.requests).toEqual({
      put: String(truth.counters.ops.put),
      get: String(truth.counters.ops.get),
      list: String(truth.counters.ops.list),
      other: String(truth.counters.ops.other),
      total: String(truth.counters.ops.put + truth.counters.ops.get + truth.counters.ops.list + truth.counters.ops.other),
    });
    expect(Number(usage.requests.total)).toBeGreaterThan(0);
    const paged = (await v1('GET', '/api/v1/usage?month=2026-08&limit=1000')).json.items.find((i: { serviceId: string }) => i.serviceId === 'billed-1');
    expect(paged).toEqual(usage);

    const { readAudit } = await import('@/lib/audit/log');
    const { rows } = await readAudit({ action: 'service.create', target: 'service:billed-1', limit: 5 });
    expect(rows[0]).toMatchObject({ actorType: 'token', actorName: 'API token Billing', outcome: 'ok', targetLabel: 'billed@example.com' });
  });

  it('two identical creates at the same moment make one user; one answer carries the secret', async () => {
    const body = { serviceId: 'twice-1', email: 'twice@example.com', plan: 'Basic' };
    const [a, b] = await Promise.all([v1('POST', '/api/v1/services', { body }), v1('POST', '/api/v1/services', { body })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.json.userId).toBe(b.json.userId);
    expect([a.json.secretAccessKey, b.json.secretAccessKey].filter(Boolean)).toHaveLength(1);
    const users = (await gw.adminJson('GET', 'ostor-users')) as { UserEmail: string }[];
    expect(users.filter((u) => u.UserEmail === 'twice@example.com')).toHaveLength(1);
  });

  it('an Idempotency-Key answers the same request the same way and refuses another body', async () => {
    const headers = { 'idempotency-key': 'order-5501' };
    const first = await v1('POST', '/api/v1/services', { body: { serviceId: 'idem-1', email: 'idem@example.com', plan: 'Basic' }, headers });
    expect(first.status).toBe(200);
    const second = await v1('POST', '/api/v1/services', { body: { serviceId: 'idem-1', email: 'idem@example.com', plan: 'Basic' }, headers });
    expect(second.json.userId).toBe(first.json.userId);
    const reused = await v1('POST', '/api/v1/services', { body: { serviceId: 'idem-2', email: 'idem2@example.com', plan: 'Basic' }, headers });
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe('idempotency_key_reused');
  });

  it('an email that exists is a 409 unless adopted; adopting binds the user as it is', async () => {
    const existing = await gw.createUser('legacy@example.com');
    const refused = await v1('POST', '/api/v1/services', { body: { serviceId: 'legacy-1', email: 'legacy@example.com', plan: 'Basic' } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('email_exists');
    const adopted = await v1('POST', '/api/v1/services', { body: { serviceId: 'legacy-1', email: 'legacy@example.com', plan: 'Basic', adopt: true } });
    expect(adopted.status, JSON.stringify(adopted.json)).toBe(200);
    expect(adopted.json).toMatchObject({ userId: existing.id, accessKeyId: existing.key.id });
    const twice = await v1('POST', '/api/v1/services', { body: { serviceId: 'legacy-2', email: 'legacy@example.com', plan: 'Basic', adopt: true } });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('user_bound');
  });

  it('lists services a page at a time and gives every service’s usage in one paged call', async () => {
    const page1 = await v1('GET', '/api/v1/services?limit=2');
    expect(page1.json.items).toHaveLength(2);
    const page2 = await v1('GET', `/api/v1/services?limit=2&cursor=${page1.json.next}`);
    expect(page2.json.items[0].serviceId > page1.json.items[1].serviceId).toBe(true);
    const usage = await v1('GET', `/api/v1/usage?month=2026-11&limit=1000`);
    expect(usage.json.items.map((i: { serviceId: string }) => i.serviceId)).toEqual(expect.arrayContaining(['twice-1', 'idem-1', 'legacy-1']));
    expect(usage.json.items[0]).toMatchObject({ month: '2026-11', storageGbMonth: expect.stringMatching(/^\d+\.\d{9}$/), requests: { total: expect.any(String) } });
  });
});

describe('bad input', () => {
  it('is a 422 naming the field, or a 413 for a body over 64 KB', async () => {
    const cases: [unknown, string][] = [
      [{ serviceId: 'has space', email: 'a@example.com', plan: 'Basic' }, 'serviceId'],
      [{ serviceId: 'x'.repeat(65), email: 'a@example.com', plan: 'Basic' }, 'serviceId'],
      [{ serviceId: 'ok-1', email: 'not an email', plan: 'Basic' }, 'email'],
      [{ serviceId: 'ok-1', email: 'a@example.com', plan: 'Gold' }, 'plan'],
      [{ serviceId: 'ok-1', email: 'a@example.com', plan: 'Basic', colour: 'red' }, 'colour'],
      [{ serviceId: 'ok-1', email: 'a@example.com', plan: 'Basic', adopt: 'yes' }, 'adopt'],
      [{ serviceId: 'ok-1', email: 'a@example.com', plan: 'Ba\u0000sic' }, 'plan'],
    ];
    for (const [body, field] of cases) {
      const answer = await v1('POST', '/api/v1/services', { body });
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(answer.json.error.fields)).toContain(field);
    }
    const huge = await v1('POST', '/api/v1/services', { body: JSON.stringify({ serviceId: 'big', email: 'a@example.com', plan: 'Basic', pad: 'x'.repeat(70_000) }) });
    expect(huge.status).toBe(413);
    expect((await v1('GET', '/api/v1/services/no-such')).status).toBe(404);
    expect((await v1('GET', '/api/v1/services/bad%20id')).json.error.fields).toHaveProperty('serviceId');
    expect((await v1('GET', '/api/v1/usage?month=2026-13')).json.error.fields).toHaveProperty('month');
  });
});

describe('single sign-on tickets', () => {
  it('work once, within 60 seconds, for the service’s own user only', async () => {
    const { db } = await import('@/lib/db');
    const { redeemSsoTicket } = await import('@/lib/services/sso');
    const made = await v1('POST', '/api/v1/services/twice-1/sso');
    expect(made.status).toBe(200);
    const ticket = made.json.url.split('/sso/')[1];
    expect(made.json.url).not.toContain(String(tokens.all));
    const twice = (await v1('GET', '/api/v1/services/twice-1')).json;
    expect(await redeemSsoTicket(await db(), ticket)).toEqual({ ok: true, serviceId: 'twice-1', userId: twice.userId });
    expect(await redeemSsoTicket(await db(), ticket)).toMatchObject({ ok: false, why: expect.stringMatching(/used already/) });
    const late = (await v1('POST', '/api/v1/services/twice-1/sso')).json.url.split('/sso/')[1];
    expect(await redeemSsoTicket(await db(), late, new Date(Date.now() + 61_000))).toMatchObject({ ok: false, why: expect.stringMatching(/expired/) });
    expect(await redeemSsoTicket(await db(), 'A'.repeat(43))).toMatchObject({ ok: false, why: 'This sign-in link is not valid.' });
    expect((await v1('POST', '/api/v1/services/whmcs-1/sso')).status).toBe(409);
  });
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 and describes exactly the routes that exist', async () => {
    const document = openApiDocument('http://console.test');
    const validator = new Validator();
    const result = await validator.validate(document as never);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    const described = Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `.${p.replace('/api', '').replace(/\{(\w+)\}/g, '[$1]')}/route.ts ${m.toUpperCase()}`));
    const exported: string[] = [];
    for (const [file, load] of Object.entries(MODULES)) {
      if (file.includes('openapi.json')) continue;
      for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) if (typeof (await load())[m] === 'function') exported.push(`${file} ${m}`);
    }
    expect(described.sort()).toEqual(exported.sort());
  });

  it('is answered without a session, as the document for the console’s own address, whatever addresses were asked before', async () => {
    for (const other of ['http://a.test', 'http://b.test', 'http://c.test', 'http://d.test', 'http://e.test']) {
      expect(JSON.parse(openApiText(other)).servers).toEqual([{ url: other }]);
    }
    const { GET } = (await MODULES['./v1/openapi.json/route.ts']()) as { GET: Handler };
    const address = process.env.NEXTAUTH_URL!.replace(/\/$/, '');
    for (let i = 0; i < 2; i++) {
      const response = await callRoute(GET, 'GET', '/api/v1/openapi.json', {});
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      const document = await response.json();
      expect(document).toEqual(openApiDocument(address));
      expect(document.servers).toEqual([{ url: address }]);
    }
  });
});
