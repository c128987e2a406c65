import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { callRoute, consoleEnvironment, ORIGIN, TEST_CLIENT_ADDRESS, watchGatewayCalls } from '@/lib/api/testing';
import type { SessionUser } from '@/lib/auth/options';
import { withRequestContext } from '@/lib/http/request-context';
import { testGateway } from '@/sim/testing/harness';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));

const gw = testGateway();
consoleEnvironment(gw);

const admin: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Ada Admin', role: 'admin' };
let system: { id: string; keyId: string };
let tenant: { id: string; keyId: string };

beforeAll(async () => {
  const info = await gw.adminJson('GET', 'ostor-users&emailAddress=system%40gateway.local');
  system = { id: info.UserId, keyId: info.AWSAccessKeys[0].AWSAccessKeyId };
  const user = await gw.createUser('tenant@example.com');
  tenant = { id: user.id, keyId: user.key.id };
});

const ROUTES = import.meta.glob<Record<string, any>>('./**/route.ts');
const load = (route: string) => ROUTES[`./${route}/route.ts`]();

const gatewayCalls = async <T>(fn: () => Promise<T>) => {
  const { result, calls } = await watchGatewayCalls(gw.sim.url, fn);
  return { result, calls: calls.length };
};

async function auditRows(requestId: string | null) {
  const { readAudit } = await import('@/lib/audit/log');
  return (await readAudit({ limit: 200 })).rows.filter((r) => r.requestId === requestId);
}

describe('same-origin check: scheme, host and port exactly', () => {
  it.each([
    ['the console’s own origin', { origin: ORIGIN }, 200],
    ['the origin of the Host the request was sent to', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }, 200],
    ['a same-origin fetch that sends no Origin', { 'sec-fetch-site': 'same-origin', origin: '' }, 200],
    ['https for an http console', { origin: 'https://console.test' }, 403],
    ['https for the Host of an http console', { origin: 'https://127.0.0.1:3000', host: '127.0.0.1:3000' }, 403],
    ['another port', { origin: 'http://console.test:8080' }, 403],
    ['a look-alike host', { origin: 'http://console.test.evil.example' }, 403],
    ['another site', { origin: 'https://evil.example' }, 403],
    ['a sandboxed frame (Origin: null)', { origin: 'null' }, 403],
    ['a same-site page of another origin', { origin: ORIGIN, 'sec-fetch-site': 'same-site' }, 403],
    ['neither Origin nor Sec-Fetch-Site', { origin: '' }, 403],
  ])('%s → %s', async (_, headers, status) => {
    session.user = admin;
    const { POST } = await import('./users/[id]/enable/route');
    const req = new NextRequest(`${ORIGIN}/api/users/${tenant.id}/enable`, { method: 'POST', headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== '')) });
    const response = await withRequestContext({ clientAddress: TEST_CLIENT_ADDRESS }, () => POST(req, { params: Promise.resolve({ id: tenant.id }) }));
    expect(response.status, await response.clone().text()).toBe(status);
    if (status === 403) {
      const [row] = await auditRows(response.headers.get('x-request-id'));
      expect(row).toMatchObject({ action: 'request.cross-site', outcome: 'denied', actorName: 'Ada Admin', address: TEST_CLIENT_ADDRESS, target: `POST /api/users/${tenant.id}/enable` });
    }
  });
});

describe('request size', () => {
  it('refuses a body declared over 1 MB before reading it, and one sent without a length once it passes 1 MB', async () => {
    session.user = admin;
    const { PUT } = await import('./users/[id]/quota/route');
    const big = JSON.stringify({ gb: 1, pad: 'x'.repeat(1024 * 1024) });
    const { result: declared, calls } = await gatewayCalls(() => callRoute(PUT, 'PUT', `/api/users/${tenant.id}/quota`, { id: tenant.id }, big, { 'content-length': String(big.length) }));
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatchObject({ code: 'too_large', message: expect.stringContaining('1024 KB') });
    expect(calls).toBe(0);

    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(100_000)));
        controller.close();
      },
    });
    const req = new NextRequest(`${ORIGIN}/api/users/${tenant.id}/quota`, { method: 'PUT', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as never);
    const chunked = await withRequestContext({ clientAddress: TEST_CLIENT_ADDRESS }, () => PUT(req, { params: Promise.resolve({ id: tenant.id }) }));
    expect(chunked.status).toBe(413);
  });
});

describe('numbers are parsed strictly', () => {
  it.each(['null', '""', '[]', '"0x10"', '1e400', '"5"', '-1', '1.5', '{}', 'true'])('a quota of %s is a 422 naming the field', async (raw) => {
    session.user = admin;
    const { PUT } = await import('./users/[id]/quota/route');
    const response = await callRoute(PUT, 'PUT', `/api/users/${tenant.id}/quota`, { id: tenant.id }, `{"gb": ${raw}}`);
    expect(response.status).toBe(422);
    expect(Object.keys((await response.json()).error.fields)).toEqual(['gb']);
  });

  it.each([
    ['usage', '?bucket=b&epoch=9999999999999999999', 'epoch'],
    ['usage', '?bucket=b&epoch=-1', 'epoch'],
    ['usage/trace', '?day=2026-11-01&bucket=b&epoch=9223372036854775808', 'epoch'],
    ['users', '?page=1e3', 'page'],
    ['users', '?page=0x10', 'page'],
    ['users', '?page=%201', 'page'],
    ['users', '?pageSize=10', 'pageSize'],
    ['users', '?page=1&page=2', 'page'],
    ['buckets', '?refresh=true', 'refresh'],
    ['audit', '?limit=1e2', 'limit'],
    ['audit', '?before=99999999999999999', 'before'],
    ['audit', '?action=user.drop', 'action'],
  ])('GET /api/%s%s is a 422 naming %s', async (path, search, field) => {
    session.user = admin;
    const mod = await load(path);
    const response = await callRoute(mod.GET, 'GET', `/api/${path}${search}`);
    expect(response.status, await response.clone().text()).toBe(422);
    expect(Object.keys((await response.json()).error.fields)).toContain(field);
  });

  it('a customer’s own usage refuses an epoch beyond 64 bits in words too', async () => {
    session.user = { id: `customer:${tenant.id}`, name: 'tenant@example.com', role: 'customer', s3UserId: tenant.id, accessKeyId: tenant.keyId };
    const { GET } = await import('./me/usage/route');
    const response = await callRoute(GET, 'GET', '/api/me/usage?bucket=b&epoch=9999999999999999999');
    expect(response.status).toBe(422);
    expect((await response.json()).error.fields.epoch).toMatch(/too large/);
  });
});

describe('the gateway’s system user is never changed from the console', () => {
  const changes: [string, string, () => Record<string, string>, unknown?][] = [
    ['users/[id]/disable', 'POST', () => ({ id: system.id })],
    ['users/[id]', 'DELETE', () => ({ id: system.id })],
    ['users/[id]/keys', 'POST', () => ({ id: system.id })],
    ['users/[id]/keys/[keyId]', 'DELETE', () => ({ id: system.id, keyId: system.keyId })],
    ['users/[id]/keys/[keyId]/reveal', 'POST', () => ({ id: system.id, keyId: system.keyId })],
    ['users/[id]/accounts', 'POST', () => ({ id: system.id }), { name: 'sneaky' }],
    ['users/[id]/limits', 'PUT', () => ({ id: system.id }), { default: 1, get: 0, put: 0, list: 0, delete: 0, out: 0 }],
    ['users/[id]/limits', 'DELETE', () => ({ id: system.id })],
    ['users/[id]/quota', 'PUT', () => ({ id: system.id }), { gb: 1 }],
  ];

  it.each(changes)('%s %s → 409 in words, audited as denied, nothing sent to the gateway but the look-up', async (route, method, params, payload) => {
    session.user = admin;
    const mod = await load(route);
    const before = JSON.stringify(gw.sim.store.get('users', system.id));
    const { result: response, calls } = await gatewayCalls(() => callRoute(mod[method], method, `/api/${route}`, params(), payload));
    expect(response.status).toBe(409);
    const { error } = await response.json();
    expect(error.code).toBe('system_user');
    expect(error.message).toMatch(/system user/);
    expect(JSON.stringify(error)).not.toContain(gw.sim.systemKey.secret);
    expect(calls).toBe(1);
    expect(JSON.stringify(gw.sim.store.get('users', system.id))).toBe(before);
    const [row] = await auditRows(response.headers.get('x-request-id'));
    expect(row).toMatchObject({ outcome: 'denied' });
  });

  it('the users list marks the console’s own user', async () => {
    session.user = admin;
    const { GET } = await import('./users/route');
    const { items } = await (await callRoute(GET, 'GET', '/api/users?pageSize=100')).json();
    expect(items.filter((u: { console: boolean }) => u.console).map((u: { id: string }) => u.id)).toEqual([system.id]);
  });
});

describe('customers', () => {
  it('a suspended customer is refused every route with a sentence, and the gateway is not asked', async () => {
    session.user = { id: `customer:${tenant.id}`, name: 'tenant@example.com', role: 'customer', s3UserId: tenant.id, accessKeyId: tenant.keyId, suspended: true };
    for (const path of ['me', 'me/usage', 'me/usage/export']) {
      const mod = await load(path);
      const { result: response, calls } = await gatewayCalls(() => callRoute(mod.GET, 'GET', `/api/${path}`));
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatchObject({ code: 'suspended', message: expect.stringContaining('suspended') });
      expect(calls).toBe(0);
    }
  });
});
