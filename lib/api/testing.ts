import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll } from 'vitest';
import { withRequestContext } from '@/lib/http/request-context';
import type { TestGateway } from '@/sim/testing/harness';
import { createServerDatabase } from '../db/server-database';
import type { Endpoint } from './contract';
import { API_CONTRACTS } from './contracts';

/** For tests that call route handlers directly: the console's environment against a test gateway. */

export const ORIGIN = 'http://console.test';

/**
 * Sets the console's environment before the tests (a fresh embedded database, or with
 * TEST_DATABASE=server a fresh database on the PostgreSQL server: ready in a tenth of the time,
 * which mutation testing needs) and closes the database after.
 */
export function consoleEnvironment(gw: TestGateway, extra: Record<string, string> = {}): void {
  let server: { url: string; drop: () => Promise<void> } | null = null;
  beforeAll(async () => {
    if (process.env.TEST_DATABASE === 'server') server = await createServerDatabase('staas_route');
    Object.assign(process.env, {
      GATEWAY_URL: gw.sim.url,
      GATEWAY_ACCESS_KEY_ID: gw.sim.systemKey.id,
      GATEWAY_SECRET_ACCESS_KEY: gw.sim.systemKey.secret,
      NEXTAUTH_SECRET: 'route-test-secret-0123456789',
      NEXTAUTH_URL: ORIGIN,
      CONSOLE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'console-db-')),
      ...(server ? { DATABASE_URL: server.url } : {}),
      ...extra,
    });
  });
  afterAll(async () => {
    const { database } = await import('@/lib/db');
    await (await database()).close();
    await server?.drop();
  });
}

type Handler = (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>;

/** The address route calls in tests come from, as the console's server would report it. */
export const TEST_CLIENT_ADDRESS = '203.0.113.10';

/** Calls a route handler as the console's own page would (same origin, JSON body; a string body is sent as it is). */
export async function callRoute(handler: Handler, method: string, url: string, params: Record<string, string> = {}, body?: unknown, headers: Record<string, string> = {}) {
  const req = new NextRequest(`${ORIGIN}${url}`, {
    method,
    headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const response = await withRequestContext({ clientAddress: TEST_CLIENT_ADDRESS }, () => handler(req, { params: Promise.resolve(params) }));
  await checkAnswer(method, req.nextUrl.pathname, response);
  return response;
}

/** The contract entry serving a request: `GET /api/users/0a1b…` → `GET /api/users/:id`. */
export function contractOf(method: string, pathname: string): { key: string; endpoint: Endpoint } | null {
  const parts = pathname.split('/');
  for (const [key, endpoint] of Object.entries(API_CONTRACTS)) {
    const [m, pattern] = key.split(' ');
    const want = pattern.split('/');
    if (m === method && want.length === parts.length && want.every((w, i) => w.startsWith(':') ? parts[i] !== '' : w === parts[i])) return { key, endpoint };
  }
  return null;
}

/** The contract entries some test saw answered in full, in this test file. */
export const ANSWERS_CHECKED = new Set<string>();

/**
 * Every JSON success a route gives in a test is held against its contract: the answer schema
 * accepts it, and nothing in it falls outside the schema. A route without a contract fails here.
 */
async function checkAnswer(method: string, pathname: string, response: Response): Promise<void> {
  // The billing systems' API is held to lib/v1/contract.ts by its handlers and its OpenAPI test.
  if (!response.ok || !pathname.startsWith('/api/') || /^\/api\/(auth|health|v1)\//.test(pathname)) return;
  const type = response.headers.get('content-type') ?? '';
  const found = contractOf(method, pathname);
  if (!found) throw new Error(`${method} ${pathname} answered, but no contract in lib/*/contract.ts describes it.`);
  if ((found.endpoint.csv && type.startsWith('text/csv')) || (found.endpoint.download && !type.includes('application/json'))) {
    ANSWERS_CHECKED.add(found.key);
    return;
  }
  if (!type.includes('application/json')) return;
  const json: unknown = await response.clone().json();
  const parsed = found.endpoint.answer.safeParse(json);
  if (!parsed.success) throw new Error(`${found.key} answered outside its contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (JSON.stringify(parsed.data) !== JSON.stringify(json)) throw new Error(`${found.key} answered fields its contract does not name.`);
  ANSWERS_CHECKED.add(found.key);
}

/**
 * Watches the console's calls to the gateway at `base` while `fn` runs: every call goes out
 * through node:http or node:https (lib/gateway/request.ts), so both are wrapped. Answers what
 * `fn` returned and the calls, as "METHOD /path?query", in the order they were made.
 */
export async function watchGatewayCalls<T>(base: string, fn: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const calls: string[] = [];
  const originals = [
    [http, http.request],
    [https, https.request],
  ] as const;
  for (const [module, request] of originals) {
    module.request = ((url: unknown, options: unknown, ...rest: unknown[]) => {
      const target = url instanceof URL ? url : null;
      if (target && target.href.startsWith(base)) calls.push(`${(options as { method?: string })?.method ?? 'GET'} ${target.pathname}${target.search}`);
      return (request as (...args: unknown[]) => unknown)(url, options, ...rest);
    }) as typeof http.request;
  }
  try {
    return { result: await fn(), calls };
  } finally {
    for (const [module, request] of originals) module.request = request as typeof http.request;
  }
}
