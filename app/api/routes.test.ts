import type { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_CONTRACTS } from '@/lib/api/contracts';
import { ANSWERS_CHECKED, callRoute, consoleEnvironment, ORIGIN, watchGatewayCalls } from '@/lib/api/testing';
import { PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/options';
import { testGateway } from '@/sim/testing/harness';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));

const gw = testGateway();
consoleEnvironment(gw);
let fixture: { id: string; keyId: string; accountKeyId: string; staffId: string; planId: string; tokenId: string };

beforeAll(async () => {
  const user = await gw.createUser('matrix@example.com');
  await gw.as(user.key, 'PUT', '/matrix-bucket');
  const account = await gw.adminJson('PUT', 'ostor-accounts&emailAddress=matrix%40example.com&accountName=acc');
  const { db } = await import('@/lib/db');
  const { upsertStaff, findStaffByEmail } = await import('@/lib/auth/staff');
  const { createPlan } = await import('@/lib/plans/store');
  const { createToken } = await import('@/lib/api-tokens/tokens');
  await upsertStaff(await db(), { email: 'target@example.com', name: 'Target', role: 'support', password: 'a long password here' });
  fixture = {
    id: user.id,
    keyId: user.key.id,
    accountKeyId: account.AWSAccessKeys[0].AWSAccessKeyId,
    staffId: (await findStaffByEmail(await db(), 'target@example.com'))!.id,
    planId: (await createPlan(await db(), { name: 'Matrix', userQuotaGb: 1, bucketQuotaGb: 0, limits: { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 } })).id,
    tokenId: (await createToken(await db(), { name: 'Matrix billing', scopes: ['provisioning'], expiresAt: null, allowedCidrs: [], createdBy: 'test' })).row.id,
  };
  // The user is a billing system's service, for the binding routes.
  const { services } = await import('@/lib/db/schema');
  await (await db()).insert(services).values({ serviceId: 'matrix-1', userId: user.id, email: 'matrix@example.com', planId: fixture.planId, state: 'active', tokenId: fixture.tokenId, tokenName: 'Matrix billing', requestHash: 'x' });
});

type Status = 200 | 401 | 403 | 404 | 409 | 422;

interface Case {
  route: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** The permission the route is documented to need (checked against PERMISSIONS below). */
  permission: Permission;
  /**
   * What each role gets for this probe, written out by hand and reviewed by eye — never derived
   * from PERMISSIONS, the table under test. "Allowed" is the handler's documented answer to the
   * probe's input: its success, or the 4xx it gives for that input (a key that is not there: 404).
   */
  expect: { none: Status; customer: Status; support: Status; admin: Status };
  params?: () => Record<string, string>;
  query?: () => string;
  body?: () => unknown;
  headers?: Record<string, string>;
}

const staffRead = (status: Status = 200): Case['expect'] => ({ none: 401, customer: 403, support: status, admin: status });
const adminOnly = (admin: Status = 200): Case['expect'] => ({ none: 401, customer: 403, support: 403, admin });
const customerOnly: Case['expect'] = { none: 401, customer: 200, support: 403, admin: 403 };
const customerAnswers = (status: Status): Case['expect'] => ({ ...customerOnly, customer: status });
const NO_OBJECT = 's3-usage-0000000000000000-2020-01-01T00:00:00.000Z-60';
const limits = (v: Partial<Record<'default' | 'get' | 'put' | 'list' | 'delete' | 'out', number>> = {}) => ({ default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0, ...v });

const CASES: Case[] = [
  { route: 'users', method: 'GET', permission: 'users.read', expect: staffRead() },
  { route: 'users', method: 'POST', permission: 'users.write', expect: adminOnly(), body: () => ({ email: `new-${Math.random().toString(36).slice(2)}@example.com` }) },
  { route: 'users/[id]', method: 'GET', permission: 'users.read', expect: staffRead(), params: () => ({ id: fixture.id }) },
  { route: 'users/[id]/disable', method: 'POST', permission: 'users.write', expect: adminOnly(), params: () => ({ id: fixture.id }) },
  { route: 'users/[id]/enable', method: 'POST', permission: 'users.write', expect: adminOnly(), params: () => ({ id: fixture.id }) },
  { route: 'users/[id]/keys', method: 'POST', permission: 'keys.write', expect: adminOnly(), params: () => ({ id: fixture.id }) },
  { route: 'users/[id]/keys/[keyId]/reveal', method: 'POST', permission: 'keys.reveal', expect: adminOnly(), params: () => ({ id: fixture.id, keyId: fixture.keyId }) },
  { route: 'users/[id]/accounts', method: 'POST', permission: 'accounts.write', expect: adminOnly(), params: () => ({ id: fixture.id }), body: () => ({ name: `a${Math.random().toString(36).slice(2, 8)}` }) },
  { route: 'users/[id]/accounts/[name]/keys', method: 'POST', permission: 'accounts.write', expect: adminOnly(), params: () => ({ id: fixture.id, name: 'acc' }) },
  { route: 'users/[id]/accounts/[name]/keys/[keyId]', method: 'DELETE', permission: 'accounts.write', expect: adminOnly(404), params: () => ({ id: fixture.id, name: 'acc', keyId: 'nonexistent0000AAAA' }) },
  { route: 'users/[id]/accounts/[name]', method: 'DELETE', permission: 'accounts.write', expect: adminOnly(404), params: () => ({ id: fixture.id, name: 'nonexistent' }) },
  { route: 'users/[id]/keys/[keyId]', method: 'DELETE', permission: 'keys.write', expect: adminOnly(404), params: () => ({ id: fixture.id, keyId: 'nonexistent0000AAAA' }) },
  { route: 'users/[id]', method: 'DELETE', permission: 'users.write', expect: adminOnly(404), params: () => ({ id: '00000000000000ff' }) },
  { route: 'audit', method: 'GET', permission: 'audit.read', expect: staffRead() },
  { route: 'audit/export', method: 'GET', permission: 'audit.read', expect: staffRead() },
  { route: 'staff', method: 'GET', permission: 'staff.read', expect: adminOnly() },
  { route: 'staff', method: 'POST', permission: 'staff.write', expect: adminOnly(), body: () => ({ email: `s-${Math.random().toString(36).slice(2)}@example.com`, name: 'S', role: 'support', password: 'a long password here' }) },
  { route: 'staff/[id]', method: 'PATCH', permission: 'staff.write', expect: adminOnly(), params: () => ({ id: fixture.staffId }), body: () => ({ role: 'support' }) },
  { route: 'staff/[id]/password', method: 'POST', permission: 'staff.write', expect: adminOnly(), params: () => ({ id: fixture.staffId }) },
  { route: 'me', method: 'GET', permission: 'self.read', expect: customerOnly },
  { route: 'users/[id]/limits', method: 'PUT', permission: 'limits.write', expect: adminOnly(), params: () => ({ id: fixture.id }), body: () => limits({ get: 5 }) },
  { route: 'users/[id]/limits', method: 'DELETE', permission: 'limits.write', expect: adminOnly(), params: () => ({ id: fixture.id }) },
  { route: 'users/[id]/quota', method: 'PUT', permission: 'quotas.write', expect: adminOnly(), params: () => ({ id: fixture.id }), body: () => ({ gb: 5 }) },
  { route: 'buckets', method: 'GET', permission: 'buckets.read', expect: staffRead() },
  { route: 'buckets/[name]', method: 'GET', permission: 'buckets.read', expect: staffRead(), params: () => ({ name: 'matrix-bucket' }) },
  { route: 'buckets/[name]', method: 'DELETE', permission: 'buckets.write', expect: adminOnly(422), params: () => ({ name: 'matrix-bucket' }), body: () => ({ confirm: 'not-the-name' }) },
  { route: 'buckets/[name]/limits', method: 'PUT', permission: 'limits.write', expect: adminOnly(), params: () => ({ name: 'matrix-bucket' }), body: () => limits({ default: 1, out: 10 }) },
  { route: 'buckets/[name]/limits', method: 'DELETE', permission: 'limits.write', expect: adminOnly(), params: () => ({ name: 'matrix-bucket' }) },
  { route: 'buckets/[name]/quota', method: 'PUT', permission: 'quotas.write', expect: adminOnly(), params: () => ({ name: 'matrix-bucket' }), body: () => ({ gb: 2 }) },
  { route: 'settings/quotas', method: 'GET', permission: 'settings.read', expect: staffRead() },
  { route: 'settings/quotas', method: 'PUT', permission: 'settings.write', expect: adminOnly(), body: () => ({ userGb: 0, bucketGb: 0 }) },
  { route: 'plans', method: 'GET', permission: 'plans.read', expect: staffRead() },
  { route: 'plans', method: 'POST', permission: 'plans.write', expect: adminOnly(), body: () => ({ name: `p-${Math.random().toString(36).slice(2)}`, userQuotaGb: 1, bucketQuotaGb: 0, limits: limits() }) },
  { route: 'plans/[id]', method: 'PUT', permission: 'plans.write', expect: adminOnly(), params: () => ({ id: fixture.planId }), body: () => ({ name: 'Matrix', userQuotaGb: 2, bucketQuotaGb: 0, limits: limits() }) },
  { route: 'plans/[id]', method: 'DELETE', permission: 'plans.write', expect: adminOnly(404), params: () => ({ id: '00000000-0000-4000-8000-000000000000' }) },
  { route: 'users/[id]/plan', method: 'PUT', permission: 'plans.write', expect: adminOnly(), params: () => ({ id: fixture.id }), body: () => ({ planId: fixture.planId }) },
  { route: 'users/[id]/plan/apply', method: 'POST', permission: 'plans.write', expect: adminOnly(), params: () => ({ id: fixture.id }), body: () => ({ resume: true }) },
  { route: 'users/[id]/plan/overrides', method: 'PUT', permission: 'plans.write', expect: adminOnly(), params: () => ({ id: fixture.id }), body: () => ({ key: 'user-quota', value: 3 }) },
  { route: 'plans/[id]/reapply', method: 'POST', permission: 'plans.write', expect: adminOnly(), params: () => ({ id: fixture.planId }) },
  { route: 'plans/jobs/[kind]', method: 'GET', permission: 'plans.read', expect: staffRead(), params: () => ({ kind: 'apply' }) },
  { route: 'plans/jobs/[kind]', method: 'POST', permission: 'plans.write', expect: adminOnly(), params: () => ({ kind: 'reconcile' }) },
  { route: 'usage', method: 'GET', permission: 'usage.read', expect: staffRead() },
  { route: 'usage/export', method: 'GET', permission: 'usage.read', expect: staffRead(), query: () => `?user=${fixture.id}&format=csv` },
  { route: 'usage/trace', method: 'GET', permission: 'usage.read', expect: staffRead(), query: () => '?day=2026-01-01' },
  { route: 'usage/jobs/[kind]', method: 'GET', permission: 'usage.read', expect: staffRead(), params: () => ({ kind: 'collect' }) },
  { route: 'usage/jobs/[kind]', method: 'POST', permission: 'usage.write', expect: adminOnly(), params: () => ({ kind: 'sample' }) },
  { route: 'usage/statistics', method: 'GET', permission: 'usage.read', expect: staffRead() },
  { route: 'usage/statistics/[name]', method: 'GET', permission: 'usage.read', expect: staffRead(404), params: () => ({ name: NO_OBJECT }) },
  { route: 'usage/statistics/[name]', method: 'DELETE', permission: 'usage.write', expect: adminOnly(409), params: () => ({ name: NO_OBJECT }) },
  { route: 'usage/statistics/[name]/retry', method: 'POST', permission: 'usage.write', expect: adminOnly(409), params: () => ({ name: NO_OBJECT }) },
  { route: 'me/usage', method: 'GET', permission: 'self.read', expect: customerOnly },
  { route: 'me/usage/export', method: 'GET', permission: 'self.read', expect: customerOnly, query: () => '?format=json' },
  { route: 'tokens', method: 'GET', permission: 'tokens.read', expect: adminOnly() },
  { route: 'tokens', method: 'POST', permission: 'tokens.write', expect: adminOnly(), body: () => ({ name: 'Matrix', scopes: ['usage:read'] }) },
  { route: 'tokens/[id]', method: 'DELETE', permission: 'tokens.write', expect: adminOnly(), params: () => ({ id: fixture.tokenId }) },
  { route: 'users/[id]/service', method: 'GET', permission: 'services.read', expect: staffRead(), params: () => ({ id: fixture.id }) },
  { route: 'users/[id]/service', method: 'DELETE', permission: 'services.write', expect: adminOnly(), params: () => ({ id: fixture.id }) },
  // A customer's own key pairs, accounts and buckets.
  // The matrix user has two key pairs by now (an admin case made one), the most there may be.
  { route: 'me/keys', method: 'POST', permission: 'self.write', expect: customerAnswers(409) },
  { route: 'me/keys/[keyId]', method: 'DELETE', permission: 'self.write', expect: customerAnswers(404), params: () => ({ keyId: 'nonexistent0000AAAA' }) },
  { route: 'me/accounts', method: 'POST', permission: 'self.write', expect: customerOnly, body: () => ({ name: `m${Math.random().toString(36).slice(2, 8)}` }) },
  { route: 'me/accounts/[name]', method: 'DELETE', permission: 'self.write', expect: customerAnswers(404), params: () => ({ name: 'nonexistent' }) },
  { route: 'me/accounts/[name]/keys', method: 'POST', permission: 'self.write', expect: customerAnswers(409), params: () => ({ name: 'acc' }) },
  { route: 'me/accounts/[name]/keys/[keyId]', method: 'DELETE', permission: 'self.write', expect: customerAnswers(404), params: () => ({ name: 'acc', keyId: 'nonexistent0000AAAA' }) },
  { route: 'me/buckets', method: 'POST', permission: 'self.write', expect: customerOnly, body: () => ({ name: `matrix-${Math.random().toString(36).slice(2, 8)}` }) },
  { route: 'me/buckets/[name]', method: 'DELETE', permission: 'self.write', expect: customerAnswers(422), params: () => ({ name: 'matrix-bucket' }), body: () => ({ confirm: 'not-the-name' }) },
  // The object browser: the owner's routes, then staff's.
  ...objectCases('me/buckets/[name]', { read: customerOnly, content: customerOnly, write: customerOnly }, { read: 'self.read', content: 'self.read', write: 'self.write' }),
  ...objectCases('buckets/[name]', { read: staffRead(), content: adminOnly(), write: adminOnly() }, { read: 'objects.read', content: 'objects.content', write: 'objects.write' }),
];

/** The object routes of one audience; a missing object or upload answers 404, which is the handler's answer to that input. */
function objectCases(base: string, who: Record<'read' | 'content' | 'write', Case['expect']>, permission: Record<'read' | 'content' | 'write', Permission>): Case[] {
  const params = () => ({ name: 'matrix-bucket' });
  const upload = () => ({ name: 'matrix-bucket', uploadId: 'no-such-upload' });
  const missing = (e: Case['expect']): Case['expect'] => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === 200 ? 404 : v])) as Case['expect'];
  const bytes = { 'content-type': 'application/octet-stream', 'content-length': '1' };
  return [
    { route: `${base}/objects`, method: 'GET', permission: permission.read, expect: who.read, params },
    { route: `${base}/object`, method: 'GET', permission: permission.content, expect: missing(who.content), params, query: () => '?key=nothing-here' },
    { route: `${base}/object/content`, method: 'GET', permission: permission.content, expect: missing(who.content), params, query: () => '?key=nothing-here' },
    { route: `${base}/share`, method: 'POST', permission: permission.content, expect: missing(who.content), params, body: () => ({ key: 'nothing-here', expiresIn: 3600 }) },
    { route: `${base}/object`, method: 'PUT', permission: permission.write, expect: who.write, params, query: () => '?key=matrix.txt', body: () => 'x', headers: bytes },
    { route: `${base}/objects/delete`, method: 'POST', permission: permission.write, expect: who.write, params, body: () => ({ keys: ['nothing-here'] }) },
    { route: `${base}/folders`, method: 'POST', permission: permission.write, expect: who.write, params, body: () => ({ prefix: '', name: 'matrix-folder' }) },
    { route: `${base}/uploads`, method: 'POST', permission: permission.write, expect: who.write, params, body: () => ({ key: 'matrix-upload' }) },
    { route: `${base}/uploads/[uploadId]`, method: 'PUT', permission: permission.write, expect: missing(who.write), params: upload, query: () => '?key=matrix-upload&part=1', body: () => 'x', headers: bytes },
    { route: `${base}/uploads/[uploadId]`, method: 'POST', permission: permission.write, expect: missing(who.write), params: upload, body: () => ({ key: 'matrix-upload', parts: [{ part: 1, etag: '"x"' }] }) },
    { route: `${base}/uploads/[uploadId]`, method: 'DELETE', permission: permission.write, expect: missing(who.write), params: upload, query: () => '?key=matrix-upload' },
  ];
}

const ROLES = ['none', 'customer', 'support', 'admin'] as const;

function sessionFor(role: (typeof ROLES)[number]): SessionUser | null {
  if (role === 'none') return null;
  if (role === 'customer') return { id: `customer:${fixture.id}`, name: fixture.keyId, role, s3UserId: fixture.id, accessKeyId: fixture.keyId };
  return { id: `staff:00000000-0000-0000-0000-00000000000${role === 'admin' ? 1 : 2}`, name: `${role} tester`, role };
}

const ROUTE_MODULES = import.meta.glob<Record<string, unknown>>('./**/route.ts');

async function invoke(c: Pick<Case, 'route' | 'method' | 'params' | 'query' | 'body' | 'headers'>, headers: Record<string, string> = {}) {
  const mod = await ROUTE_MODULES[`./${c.route}/route.ts`]();
  const handler = mod[c.method] as (req: NextRequest, ctx: { params: Promise<unknown> }) => Promise<Response>;
  expect(handler, `${c.method} ${c.route} is exported`).toBeTypeOf('function');
  return callRoute(handler, c.method, `/api/${c.route}${c.query?.() ?? ''}`, c.params?.() ?? {}, c.body?.(), { ...c.headers, ...headers });
}

describe('every route handler × every role, against a table written out by hand', () => {
  it('covers every route file and every method it exports', async () => {
    const tested = new Set(CASES.map((c) => `./${c.route}/route.ts ${c.method}`));
    // Sign-in and the load balancer's health checks need no session, by design (tested on their own);
    // the billing systems' API takes tokens, never sessions (its own matrix: app/api/v1.test.ts).
    const files = Object.keys(ROUTE_MODULES).filter((f) => !f.startsWith('./auth/') && !f.startsWith('./health/') && !f.startsWith('./v1/'));
    const exported: string[] = [];
    for (const f of files) for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) if (typeof (await ROUTE_MODULES[f]())[m] === 'function') exported.push(`${f} ${m}`);
    expect(exported.filter((e) => !tested.has(e))).toEqual([]);
  });

  it('agrees with the permission matrix: the roles a route lets through are the roles its permission names', () => {
    for (const c of CASES) {
      const allowed = ROLES.filter((r) => c.expect[r] !== 401 && c.expect[r] !== 403);
      expect(allowed, `${c.method} ${c.route} (${c.permission})`).toEqual([...PERMISSIONS[c.permission]].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)));
    }
  });

  for (const c of CASES) {
    for (const role of ROLES) {
      const expected = c.expect[role];
      it(`${c.method} /api/${c.route} as ${role}: ${expected}`, async () => {
        session.user = sessionFor(role);
        try {
          const { result: response, calls } = await watchGatewayCalls(gw.sim.url, () => invoke(c));
          const gatewayCalls = calls.length;
          expect(response.headers.get('cache-control')).toBe('no-store');
          expect(response.status, await response.clone().text()).toBe(expected);
          if (expected === 401 || expected === 403) {
            expect((await response.json()).error.code).toBe(expected === 401 ? 'unauthenticated' : 'forbidden');
            expect(gatewayCalls).toBe(0);
          }
        } finally {
          // A job started here runs on in the background: let it end before the next case counts gateway calls.
          if (c.method === 'POST' && /^(usage\/jobs|plans\/jobs|plans\/\[id\]\/reapply)/.test(c.route)) await jobsSettled();
        }
      });
    }
  }
});

async function jobsSettled() {
  const { jobSystem } = await import('@/lib/jobs');
  const system = await jobSystem();
  await vi.waitFor(
    async () => {
      for (const kind of ['usage.collect', 'usage.sample', 'plans.reconcile', 'plans.apply']) expect(['queued', 'running']).not.toContain((await system.latest(kind))?.state);
    },
    { timeout: 10_000, interval: 20 },
  );
}

describe('route security', () => {
  it('refuses a cross-site mutation before anything else, and audits nothing', async () => {
    session.user = sessionFor('admin');
    const { calls } = await watchGatewayCalls(gw.sim.url, async () => {
      for (const headers of [{ origin: 'https://evil.example' }, { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }, { origin: 'null' }] as Record<string, string>[]) {
        const response = await invoke(CASES[1], headers);
        expect(response.status).toBe(403);
        expect((await response.json()).error.code).toBe('cross_site');
      }
    });
    expect(calls).toEqual([]);
  });

  it('never sends a secret to support: user details carry key ids only', async () => {
    session.user = sessionFor('support');
    const response = await invoke(CASES[2]);
    const text = await response.text();
    const info = await gw.adminJson('GET', `ostor-users&id=${fixture.id}`);
    for (const k of [...info.AWSAccessKeys, ...info.Accounts.flatMap((a: { AWSAccessKeys: unknown[] }) => a.AWSAccessKeys)]) {
      expect(text).toContain(k.AWSAccessKeyId);
      expect(text).not.toContain(k.AWSSecretAccessKey);
    }
  });

  it('answers bad input with 422 and the field that is wrong', async () => {
    session.user = sessionFor('admin');
    const response = await invoke({ ...CASES[1], body: () => ({ email: 'not an email' }) });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.fields.email).toMatch(/valid email/);
  });

  it('audits mutations with who, what, outcome and request id — and denied attempts too', async () => {
    session.user = sessionFor('support');
    await invoke(CASES[3]);
    session.user = sessionFor('admin');
    const ok = await invoke(CASES[4]);
    const { readAudit } = await import('@/lib/audit/log');
    const { rows } = await readAudit({ limit: 50, target: fixture.id });
    const enable = rows.find((r) => r.requestId === ok.headers.get('x-request-id'))!;
    expect(enable).toMatchObject({ action: 'user.enable', outcome: 'ok', actorName: 'admin tester', role: 'admin', target: `user:${fixture.id}` });
    expect(rows.some((r) => r.action === 'user.disable' && r.outcome === 'denied' && r.role === 'support')).toBe(true);
  });

  it('reports a gateway outage in words with a request id, and audits the failure', async () => {
    session.user = sessionFor('admin');
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'error', status: 500 });
    try {
      const response = await invoke(CASES[5]);
      expect(response.status).toBe(502);
      const { error } = await response.json();
      expect(error).toMatchObject({ code: 'gateway_failed' });
      expect(error.message).toBe('The gateway had an internal error.');
      expect(error.requestId).toBe(response.headers.get('x-request-id'));
      const { readAudit } = await import('@/lib/audit/log');
      const rows = (await readAudit({ limit: 50, action: 'key.generate' })).rows.filter((r) => r.requestId === error.requestId);
      expect(rows).toMatchObject([{ outcome: 'failed', detail: 'The gateway had an internal error.', target: `user:${fixture.id}`, actorName: 'admin tester' }]);
    } finally {
      await gw.testApi('DELETE', '/__sim/faults/ostor-users');
    }
  });
});

/**
 * The matrix above probes some routes with input they refuse (a key that is not there). Here each
 * of those answers in full, as an admin, so that every contract is held against a real answer:
 * `callRoute` checks each JSON success against its contract's answer schema.
 */
describe('every contract, answered in full', () => {
  const admin = async <T = unknown>(c: Pick<Case, 'route' | 'method' | 'params' | 'query' | 'body'>): Promise<T> => {
    session.user = sessionFor('admin');
    const response = await invoke(c);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as T;
  };

  it('deletes what it was asked to delete, answering as its contract says', async () => {
    const user = await gw.createUser('contract-gone@example.com');
    const account = await gw.adminJson('PUT', 'ostor-accounts&emailAddress=contract-gone%40example.com&accountName=gone');
    await gw.adminJson('PUT', 'ostor-accounts&emailAddress=contract-gone%40example.com&accountName=kept');
    const key = await admin<{ keyPair: { accessKeyId: string } }>({ route: 'users/[id]/keys', method: 'POST', params: () => ({ id: user.id }) });
    await admin({ route: 'users/[id]/keys/[keyId]', method: 'DELETE', params: () => ({ id: user.id, keyId: key.keyPair.accessKeyId }) });
    await admin({ route: 'users/[id]/accounts/[name]/keys/[keyId]', method: 'DELETE', params: () => ({ id: user.id, name: 'gone', keyId: account.AWSAccessKeys[0].AWSAccessKeyId }) });
    await admin({ route: 'users/[id]/accounts/[name]', method: 'DELETE', params: () => ({ id: user.id, name: 'gone' }) });
    await gw.as(user.key, 'PUT', '/contract-gone-bucket');
    await admin({ route: 'buckets/[name]', method: 'DELETE', params: () => ({ name: 'contract-gone-bucket' }), body: () => ({ confirm: 'contract-gone-bucket' }) });
    await admin({ route: 'users/[id]/accounts/[name]', method: 'DELETE', params: () => ({ id: user.id, name: 'kept' }) });
    await admin({ route: 'users/[id]', method: 'DELETE', params: () => ({ id: user.id }) });
    const plan = await admin<{ plan: { id: string } }>({ route: 'plans', method: 'POST', body: () => ({ name: 'Contract gone', userQuotaGb: 1, bucketQuotaGb: 0, limits: limits() }) });
    await admin({ route: 'plans/[id]', method: 'DELETE', params: () => ({ id: plan.plan.id }) });
  });

  it('opens, retries and deletes statistics objects, answering as its contract says', async () => {
    const bad = 's3-usage-8000000000000077-2020-01-01T00:00:00.000Z-60';
    await gw.testApi('POST', '/__sim/usage/raw', { name: bad, body: '{"fmt_version": 1, "items": [' });
    // The same complete body failing on two runs: quarantined, so that it may be retried.
    for (let run = 0; run < 2; run++) {
      await admin({ route: 'usage/jobs/[kind]', method: 'POST', params: () => ({ kind: 'collect' }) });
      await jobsSettled();
    }
    const [fresh] = (await gw.testApi('POST', '/__sim/usage/generate', { objects: 1, items: 2, start: Date.UTC(2026, 6, 3), users: [fixture.id] })).objects;
    await admin({ route: 'usage/statistics/[name]', method: 'GET', params: () => ({ name: fresh }) });
    await admin({ route: 'usage/statistics/[name]', method: 'GET', params: () => ({ name: bad }) });
    await admin({ route: 'usage/statistics/[name]/retry', method: 'POST', params: () => ({ name: bad }) });
    await admin({ route: 'usage/statistics/[name]', method: 'DELETE', params: () => ({ name: fresh }), query: () => '?uncollected=1' });
    await admin({ route: 'usage/export', method: 'GET', query: () => `?user=${fixture.id}&format=json` });
  });

  it('runs a customer’s self-service and the object browser, answering as its contracts say', async () => {
    const as = async <T = any>(role: 'customer' | 'admin', c: Pick<Case, 'route' | 'method' | 'params' | 'query' | 'body' | 'headers'>): Promise<T> => {
      session.user = sessionFor(role);
      const response = await invoke(c);
      expect(response.status, await response.clone().text()).toBe(200);
      return (response.headers.get('content-type') ?? '').includes('json') ? ((await response.json()) as T) : ((await response.text()) as T);
    };
    const info = await gw.adminJson('GET', 'ostor-users&emailAddress=matrix%40example.com');
    const spare = info.AWSAccessKeys.find((k: { AWSAccessKeyId: string }) => k.AWSAccessKeyId !== fixture.keyId);
    if (spare) await as('customer', { route: 'me/keys/[keyId]', method: 'DELETE', params: () => ({ keyId: spare.AWSAccessKeyId }) });
    await as('customer', { route: 'me/keys', method: 'POST' });
    const acc = info.Accounts.find((a: { Name: string }) => a.Name === 'acc').AWSAccessKeys;
    await as('customer', { route: 'me/accounts/[name]/keys/[keyId]', method: 'DELETE', params: () => ({ name: 'acc', keyId: acc[acc.length - 1].AWSAccessKeyId }) });
    await as('customer', { route: 'me/accounts/[name]/keys', method: 'POST', params: () => ({ name: 'acc' }) });
    await as('customer', { route: 'me/accounts', method: 'POST', body: () => ({ name: 'short-lived' }) });
    await as('customer', { route: 'me/accounts/[name]', method: 'DELETE', params: () => ({ name: 'short-lived' }) });
    await as('customer', { route: 'me/buckets', method: 'POST', body: () => ({ name: 'matrix-short-lived' }) });
    await as('customer', { route: 'me/buckets/[name]', method: 'DELETE', params: () => ({ name: 'matrix-short-lived' }), body: () => ({ confirm: 'matrix-short-lived' }) });
    for (const [role, base] of [['customer', 'me/buckets/[name]'], ['admin', 'buckets/[name]']] as const) {
      const params = () => ({ name: 'matrix-bucket' });
      const bytes = { 'content-type': 'text/plain', 'content-length': '5' };
      await as(role, { route: `${base}/object`, method: 'PUT', params, query: () => '?key=answered.txt', body: () => 'hello', headers: bytes });
      await as(role, { route: `${base}/object`, method: 'GET', params, query: () => '?key=answered.txt' });
      expect(await as(role, { route: `${base}/object/content`, method: 'GET', params, query: () => '?key=answered.txt' })).toBe('hello');
      await as(role, { route: `${base}/share`, method: 'POST', params, body: () => ({ key: 'answered.txt', expiresIn: 3600 }) });
      const { uploadId } = await as(role, { route: `${base}/uploads`, method: 'POST', params, body: () => ({ key: 'parts.txt' }) });
      const upload = () => ({ name: 'matrix-bucket', uploadId });
      const part = await as(role, { route: `${base}/uploads/[uploadId]`, method: 'PUT', params: upload, query: () => '?key=parts.txt&part=1', body: () => 'hello', headers: bytes });
      await as(role, { route: `${base}/uploads/[uploadId]`, method: 'POST', params: upload, body: () => ({ key: 'parts.txt', parts: [part] }) });
      const { uploadId: other } = await as(role, { route: `${base}/uploads`, method: 'POST', params, body: () => ({ key: 'dropped.txt' }) });
      await as(role, { route: `${base}/uploads/[uploadId]`, method: 'DELETE', params: () => ({ name: 'matrix-bucket', uploadId: other }), query: () => '?key=dropped.txt' });
      await as(role, { route: `${base}/objects/delete`, method: 'POST', params, body: () => ({ keys: ['answered.txt', 'parts.txt'] }) });
    }
  });

  it('has held every contract against an answer (this runs last)', () => {
    expect(Object.keys(API_CONTRACTS).filter((key) => !ANSWERS_CHECKED.has(key))).toEqual([]);
  });
});
