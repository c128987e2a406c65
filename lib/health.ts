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

let migrationsShipped: number | undefined;
/** The migrations this build ships with (read once: they are part of the build). */
const expectedMigrations = () =>
  (migrationsShipped ??= (JSON.parse(fs.readFileSync(path.resolve(process.cwd(), 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length);

async function timed(fn: () => Promise<string | null>): Promise<Check> {
  const started = performance.now();
  try {
    const problem = await fn();
    return { ok: problem === null, ms: Math.round(performance.now() - started), ...(problem ? { problem } : {}) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), problem: error instanceof GatewayError ? error.kind : 'unavailable' };
  }
}

export type Readiness = { ready: boolean; checks: Record<'database' | 'migrations' | 'gateway', Check> };

/** How long one check's answer serves the probes that follow it. */
export const READINESS_KEPT_MS = 1000;

let last: { at: number; answer: Promise<Readiness> } | null = null;

/**
 * The route needs no session, and each check asks the database twice and the gateway once: probes
 * within a second of a check share it (those arriving while it runs wait for it), so that a flood
 * of probes cannot become a flood of gateway calls. A load balancer probes every few seconds: it
 * always gets a fresh answer.
 */
export function readiness(): Promise<Readiness> {
  if (last && Date.now() - last.at < READINESS_KEPT_MS) return last.answer;
  // Kept from when it started: a check slower than that (a gateway that hangs) is joined for its
  // first second only, so slow checks overlap one a second at most.
  last = { at: Date.now(), answer: check() };
  return last.answer;
}

async function check(): Promise<Readiness> {
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
