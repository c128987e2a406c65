import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { database } from './db';
import { GatewayError } from './gateway/errors';
import { connectionFromEnv, gatewayRequest } from './gateway/request';

/**
 * What a load balancer asks: is this instance fit to take requests? Only yes or no per part and
 * how long each took — never an address, a version or an error's text.
 */

export interface Check {
  ok: boolean;
  ms: number;
  /** Why not, as a kind: never the error's words. */
  problem?: string;
}

const expectedMigrations = () =>
  (JSON.parse(fs.readFileSync(path.resolve(process.cwd(), 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

async function timed(fn: () => Promise<string | null>): Promise<Check> {
  const started = performance.now();
  try {
    const problem = await fn();
    return { ok: problem === null, ms: Math.round(performance.now() - started), ...(problem ? { problem } : {}) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), problem: error instanceof GatewayError ? error.kind : 'unavailable' };
  }
}

export async function readiness(): Promise<{ ready: boolean; checks: Record<'database' | 'migrations' | 'gateway', Check> }> {
  const [db, gateway] = await Promise.all([
    timed(async () => {
      await (await database()).db.execute(sql`select 1`);
      return null;
    }),
    timed(async () => {
      await gatewayRequest({ method: 'GET', path: '/' }, { ...connectionFromEnv(), timeoutMs: 2000, deadlineMs: 2000 });
      return null;
    }),
  ]);
  const migrations = await timed(async () => {
    const result = (await (await database()).db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
    return result.rows[0].n === expectedMigrations() ? null : 'behind';
  });
  return { ready: db.ok && migrations.ok && gateway.ok, checks: { database: db, migrations, gateway } };
}
