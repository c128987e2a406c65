import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll } from 'vitest';
import type { TestGateway } from '@/sim/testing/harness';

/** For tests that call route handlers directly: the console's environment against a test gateway. */

export const ORIGIN = 'http://console.test';

/** Sets the console's environment before the tests (a fresh embedded database) and closes the database after. */
export function consoleEnvironment(gw: TestGateway, extra: Record<string, string> = {}): void {
  beforeAll(() => {
    Object.assign(process.env, {
      GATEWAY_URL: gw.sim.url,
      GATEWAY_ACCESS_KEY_ID: gw.sim.systemKey.id,
      GATEWAY_SECRET_ACCESS_KEY: gw.sim.systemKey.secret,
      NEXTAUTH_SECRET: 'route-test-secret-0123456789',
      NEXTAUTH_URL: ORIGIN,
      CONSOLE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'console-db-')),
      ...extra,
    });
  });
  afterAll(async () => {
    const { database } = await import('@/lib/db');
    await (await database()).close();
  });
}

type Handler = (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response>;

/** Calls a route handler as the console's own page would (same origin, JSON body). */
export function callRoute(handler: Handler, method: string, url: string, params: Record<string, string> = {}, body?: unknown, headers: Record<string, string> = {}) {
  const req = new NextRequest(`${ORIGIN}${url}`, {
    method,
    headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(req, { params: Promise.resolve(params) });
}
