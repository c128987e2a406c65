import fc from 'fast-check';
import type { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { callRoute, consoleEnvironment } from '@/lib/api/testing';
import type { SessionUser } from '@/lib/auth/options';
import { testGateway } from '@/sim/testing/harness';

/**
 * Random values thrown at every route's query, body and path: whatever arrives, the answer is
 * the error envelope or data, never a 500.
 */

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => session.user }));

const gw = testGateway();
consoleEnvironment(gw);

const ROUTES = import.meta.glob<Record<string, (req: NextRequest, ctx: { params: Promise<unknown> }) => Promise<Response>>>('./**/route.ts');
const QUERY_NAMES = ['q', 'state', 'plan', 'page', 'pageSize', 'refresh', 'sort', 'order', 'from', 'to', 'group', 'user', 'bucket', 'epoch', 'month', 'format', 'day', 'actor', 'target', 'action', 'before', 'limit', 'uncollected'];
const BODY_NAMES = ['email', 'planId', 'name', 'gb', 'userGb', 'bucketGb', 'default', 'get', 'put', 'list', 'delete', 'out', 'confirm', 'resume', 'disabled', 'role', 'password', 'userQuotaGb', 'bucketQuotaGb', 'limits'];

const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '0', '-1', '1e400', '0x10', 'NaN', 'Infinity', '9999999999999999999', '99999999999999999999999', '%', '%zz', '..', '../..', '\u0000', '🙂', 'a'.repeat(300), '[]', '{}', 'null', 'true'),
  fc.integer().map(String),
  fc.double().map(String),
);
const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ maxLength: 8 })), nasty), { maxLength: 6 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : ''));
const jsonValue = fc.oneof(fc.jsonValue(), fc.constantFrom(null, '', [], {}, 1e308, -0, 2 ** 63, '0x10'));
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...BODY_NAMES), jsonValue, { noNullPrototype: true }),
  jsonValue.map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constant(undefined),
);

let user: { id: string; keyId: string };
beforeAll(async () => {
  const created = await gw.createUser('fuzzed@example.com');
  await gw.as(created.key, 'PUT', '/fuzzed-bucket');
  user = { id: created.id, keyId: created.key.id };
});

const roles = (file: string): SessionUser[] =>
  file.startsWith('./me')
    ? [{ id: `customer:${user.id}`, name: 'fuzzed@example.com', role: 'customer', s3UserId: user.id, accessKeyId: user.keyId }]
    : [{ id: 'staff:00000000-0000-0000-0000-000000000001', name: 'Fuzzer', role: 'admin' }];

describe('no route answers random input with a 500', () => {
  for (const file of Object.keys(ROUTES).filter((f) => !f.startsWith('./auth/') && !f.startsWith('./health/'))) {
    const route = file.slice(2, -'/route.ts'.length);
    const segments = [...route.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
    it(`${route}`, async () => {
      const mod = await ROUTES[file]();
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => typeof mod[m] === 'function')) {
        for (const who of roles(file)) {
          session.user = who;
          const params = fc.record(Object.fromEntries(segments.map((s) => [s, fc.oneof(nasty, fc.constantFrom(user.id, user.keyId, 'fuzzed-bucket'))])));
          await fc.assert(
            fc.asyncProperty(params, queryString, body, async (p, search, payload) => {
              const response = await callRoute(mod[method], method, `/api/${route}${search}`, p as Record<string, string>, method === 'GET' ? undefined : payload);
              const text = await response.text();
              expect(response.status, `${method} /api/${route}${search} ${JSON.stringify(p)} ${(typeof payload === "string" ? payload : JSON.stringify(payload) ?? "").slice(0, 200)} → ${text.slice(0, 300)}`).toBeLessThan(500);
            }),
            { numRuns: 25 },
          );
        }
      }
    }, 120_000);
  }
});
