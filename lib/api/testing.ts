import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll } from 'vitest';
import { withRequestContext } from '@/lib/http/request-context';
import type { TestGateway } from '@/sim/testing/harness';
import { createServerDatabase } from '../db/server-database';

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
export function callRoute(handler: Handler, method: string, url: string, params: Record<string, string> = {}, body?: unknown, headers: Record<string, string> = {}) {
  const req = new NextRequest(`${ORIGIN}${url}`, {
    method,
    headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return withRequestContext({ clientAddress: TEST_CLIENT_ADDRESS }, () => handler(req, { params: Promise.resolve(params) }));
}
