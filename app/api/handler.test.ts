import { NextRequest } from 'next/server';
import { z } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { consoleEnvironment, ORIGIN, TEST_CLIENT_ADDRESS } from '@/lib/api/testing';
import type { SessionUser } from '@/lib/auth/options';
import { withRequestContext } from '@/lib/http/request-context';
import { testGateway } from '@/sim/testing/harness';

/** The route wrapper on its own: each guard, audit and answer it promises, seen from outside. */

const session = vi.hoisted(() => ({ user: null as SessionUser | null, broken: false }));
vi.mock('@/lib/auth/session', () => ({
  currentUser: async () => {
    if (session.broken) throw new Error('the database is down');
    return session.user;
  },
}));

const gw = testGateway();
consoleEnvironment(gw);

const ADMIN: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Ada Admin', role: 'admin' };
const SUPPORT: SessionUser = { id: 'staff:00000000-0000-0000-0000-000000000002', name: 'Sam Support', role: 'support' };

function send(handler: (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const req = new NextRequest(`${ORIGIN}/api/test`, { method: init.method ?? 'POST', headers: init.headers ?? { origin: ORIGIN, 'content-type': 'application/json' }, body: init.body });
  return withRequestContext({ clientAddress: TEST_CLIENT_ADDRESS }, () => handler(req, { params: Promise.resolve({ id: "p1" }) }));
}

async function auditOf(response: Response) {
  const { readAudit } = await import('@/lib/audit/log');
  return (await readAudit({ limit: 500 })).rows.filter((r) => r.requestId === response.headers.get('x-request-id'));
}

const echo = route<{ id: string }>(
  'users.write',
  async ({ req, note, retarget, user }) => {
    const input = await body(req, z.object({ n: z.number().int() }));
    retarget(`user:${input.n}`);
    note(`noted ${input.n}`);
    return { n: input.n, by: user.name };
  },
  { action: 'user.create', target: (p) => `param:${p.id}` },
);

describe('the route wrapper', () => {
  it('answers JSON with no-store and a request id, and audits the change with its note and retargeted target', async () => {
    session.user = ADMIN;
    const response = await send(echo, { body: '{"n": 7}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ n: 7, by: 'Ada Admin' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await auditOf(response)).toMatchObject([{ action: 'user.create', outcome: 'ok', target: 'user:7', detail: 'noted 7', actorName: 'Ada Admin', role: 'admin', address: TEST_CLIENT_ADDRESS }]);
  });

  it('without a retarget, audits the target its spec names from the params', async () => {
    session.user = ADMIN;
    const plain = route<{ id: string }>('users.write', async () => ({ ok: true }), { action: 'user.enable', target: (p) => `param:${p.id}` });
    const response = await send(plain, { body: '{}' });
    expect(await auditOf(response)).toMatchObject([{ action: 'user.enable', target: 'param:p1', detail: null }]);
  });

  it('a browser’s same-origin write passes with or without Origin when Sec-Fetch-Site vouches for it', async () => {
    session.user = ADMIN;
    for (const headers of [
      { origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' } as Record<string, string>,
      { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      { origin: ORIGIN, 'content-type': 'application/json' },
    ]) {
      expect((await send(echo, { headers, body: '{"n": 1}' })).status, JSON.stringify(headers)).toBe(200);
    }
    for (const headers of [{ 'content-type': 'application/json' }, { 'sec-fetch-site': 'none', origin: ORIGIN }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const response = await send(echo, { headers, body: '{"n": 1}' });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error.code).toBe('cross_site');
    }
  });

  it('reads need no Origin: a GET or HEAD from anywhere is judged by its session alone', async () => {
    session.user = SUPPORT;
    const read = route('users.read', async () => ({ read: true }));
    expect((await send(read, { method: 'GET', headers: {} })).status).toBe(200);
    expect((await send(read, { method: 'HEAD', headers: {} })).status).toBe(200);
  });

  it('names a refused cross-site request by method and path, cut to 300 characters', async () => {
    session.user = ADMIN;
    const long = `/api/${'x'.repeat(400)}`;
    const req = new NextRequest(`${ORIGIN}${long}`, { method: 'DELETE', headers: { origin: 'https://evil.example' } });
    const response = await withRequestContext({ clientAddress: TEST_CLIENT_ADDRESS }, () => echo(req, { params: Promise.resolve({ id: 'p1' }) }));
    const [row] = await auditOf(response);
    expect(row.target).toBe(`DELETE ${long}`.slice(0, 300));
  });

  it('a refused permission is audited as denied and never runs the handler', async () => {
    session.user = SUPPORT;
    const ran = vi.fn(async () => ({}));
    const guarded = route('users.write', ran, { action: 'user.delete', target: () => 'user:x' });
    const response = await send(guarded, { body: '{}' });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatchObject({ code: 'forbidden', message: 'Support accounts are read-only.' });
    expect(ran).not.toHaveBeenCalled();
    expect(await auditOf(response)).toMatchObject([{ outcome: 'denied', role: 'support', action: 'user.delete' }]);
  });

  it('signed out: 401 in the envelope, nothing run, nothing audited', async () => {
    session.user = null;
    const response = await send(echo, { body: '{"n": 1}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
    expect(await auditOf(response)).toEqual([]);
  });

  it('a failed change is audited as failed with the message shown; one refused on purpose as denied', async () => {
    session.user = ADMIN;
    const failing = route('users.write', async () => {
      throw new ApiError(409, 'conflict', 'It is in the way.');
    }, { action: 'bucket.delete', target: () => 'bucket:b' });
    const failed = await send(failing, { body: '{}' });
    expect(failed.status).toBe(409);
    expect(await auditOf(failed)).toMatchObject([{ outcome: 'failed', detail: 'It is in the way.' }]);
    const refusing = route('users.write', async () => {
      throw new ApiError(409, 'system_user', 'Not this one.', undefined, { denied: true });
    }, { action: 'bucket.delete', target: () => 'bucket:b' });
    expect(await auditOf(await send(refusing, { body: '{}' }))).toMatchObject([{ outcome: 'denied', detail: 'Not this one.' }]);
  });

  it('an unexpected error is a 500 in words with the request id, logged by name only, audited as failed', async () => {
    session.user = ADMIN;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const broken = route('users.write', async () => {
        throw new TypeError('secret detail that must not leak');
      }, { action: 'user.create', target: () => 'x' });
      const response = await send(broken, { body: '{}' });
      const text = await response.text();
      expect(response.status).toBe(500);
      const { error: envelope } = JSON.parse(text);
      expect(envelope.code).toBe('internal');
      expect(envelope.message).toContain(response.headers.get('x-request-id'));
      expect(text).not.toContain('secret detail');
      expect(error.mock.calls.flat().join(' ')).not.toContain('secret detail');
      expect(await auditOf(response)).toMatchObject([{ outcome: 'failed' }]);
    } finally {
      error.mockRestore();
    }
  });

  it('body validation: JSON that does not fit is a 422 naming the field; text that is not JSON a 400', async () => {
    session.user = ADMIN;
    const wrong = await send(echo, { body: '{"n": "seven"}' });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.fields).toEqual({ n: expect.any(String) });
    const garbage = await send(echo, { body: 'n=7' });
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error.code).toBe('invalid_json');
  });

  it('a handler’s own Response (a CSV download) goes out as it is, with the same headers added', async () => {
    session.user = SUPPORT;
    const csv = route('users.read', async () => new Response('a,b\n1,2\n', { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="x.csv"' } }));
    const response = await send(csv, { method: 'GET', headers: {} });
    expect(await response.text()).toBe('a,b\n1,2\n');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a declared oversized body on a change only, before the session is even read', async () => {
    session.user = null;
    const big = { origin: ORIGIN, 'content-type': 'application/json', 'content-length': String(1024 * 1024 + 1) };
    expect((await send(echo, { headers: big, body: 'x'.repeat(10) })).status).toBe(413);
    expect((await send(echo, { headers: { ...big, 'content-length': String(1024 * 1024) }, body: 'x'.repeat(10) })).status).toBe(401);
  });

  it('a suspended customer is refused with the sentence, an active one let through', async () => {
    const mine = route('self.read', async () => ({ mine: true }));
    session.user = { id: 'customer:0123456789abcdef', name: 'c@example.com', role: 'customer', s3UserId: '0123456789abcdef', accessKeyId: 'K', suspended: true };
    const refused = await send(mine, { method: 'GET', headers: {} });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('suspended');
    session.user = { ...session.user, suspended: false };
    expect((await send(mine, { method: 'GET', headers: {} })).status).toBe(200);
  });

  it('sends Pragma: no-cache beside Cache-Control: no-store (for old proxies)', async () => {
    session.user = SUPPORT;
    const read = route('users.read', async () => ({}));
    expect((await send(read, { method: 'GET', headers: {} })).headers.get('pragma')).toBe('no-cache');
  });

  it('a request with no Host is judged by NEXTAUTH_URL alone: a forged "http://null" origin is refused', async () => {
    session.user = ADMIN;
    const response = await send(echo, { headers: { origin: 'http://null', 'content-type': 'application/json' }, body: '{"n": 1}' });
    expect(response.status).toBe(403);
  });

  it('a refused cross-site write is audited with what the browser said, whoever (or nobody) was signed in', async () => {
    session.user = null;
    const anonymous = await send(echo, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, body: '{"n": 1}' });
    expect((await anonymous.json()).error).toMatchObject({ code: 'cross_site', message: 'Changes must be made from the console itself.' });
    expect(await auditOf(anonymous)).toMatchObject([
      { action: 'request.cross-site', outcome: 'denied', actorType: 'anonymous', actorName: '(not signed in)', role: 'none', target: 'POST /api/test', detail: 'Origin https://evil.example, Sec-Fetch-Site cross-site' },
    ]);
    session.user = ADMIN;
    const bare = await send(echo, { headers: {}, body: '{"n": 1}' });
    expect(await auditOf(bare)).toMatchObject([{ actorName: 'Ada Admin', detail: 'Origin (none), Sec-Fetch-Site (none)' }]);
  });

  it('a session that cannot be read while refusing a cross-site write is still a refusal, never a 500', async () => {
    session.broken = true;
    try {
      const response = await send(echo, { headers: { origin: 'https://evil.example' }, body: '{"n": 1}' });
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('cross_site');
    } finally {
      session.broken = false;
    }
  });

  it('logs an unexpected error with the request id, the route and the error’s name only; a known one not at all', async () => {
    session.user = ADMIN;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const broken = route('users.write', async () => {
        throw new RangeError('detail');
      });
      const response = await send(broken, { body: '{}' });
      expect(error).toHaveBeenCalledWith(`[api] ${response.headers.get('x-request-id')} POST /api/test:`, 'RangeError');
      error.mockClear();
      const thrown = route('users.write', async () => {
        throw 'a string';
      });
      await send(thrown, { body: '{}' });
      expect(error.mock.calls[0][1]).toBe('string');
      error.mockClear();
      await send(route('users.write', async () => {
        throw new ApiError(409, 'conflict', 'known');
      }), { body: '{}' });
      expect(error).not.toHaveBeenCalled();
    } finally {
      error.mockRestore();
    }
  });
});
