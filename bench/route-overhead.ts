/**
 * What the console adds to a gateway call (target P1 of the performance work): three console
 * routes — a user's page, the users page, a bucket's page — each timed against the very gateway
 * calls it makes, made directly from here in the same order (sequential where the route must wait
 * for an answer, parallel where it need not), in the same run. Also the floors: an unauthenticated
 * answer (401) and the health check. Each is timed at its steady state, after a thousand calls
 * (`--warm` to change it), and the console server's CPU time per answer is read over the same
 * calls (/proc, in ticks of 10 ms): steadier than their time on a shared machine. Needs a build.
 *
 *   npm run bench:routes [-- --rounds 200 --warm 1000]
 */
import { parseArgs } from 'node:util';
import { call, type KeyPair } from '../sim/testing/client';
import { median, processCpuMs, request, startStack, timed, type Stack } from './console-stack';

export interface OverheadRow {
  measure: string;
  consoleMs: number;
  /** The console server's CPU time per answer over the same calls: steadier than their time on a shared machine. */
  consoleCpuMs: number;
  directMs: number;
}

const enc = encodeURIComponent;

/**
 * Calls made before a route is timed: a console serves a route many times, and V8 keeps optimising
 * the code on its path for the first thousand or so (the user page, median of each 200 calls after
 * ten: 9.1, 7.5, 5.7, 5.7, 5.5, 5.5, 5.1, 5.1 ms). The direct calls are warmed the same way.
 */
export const STEADY = 1000;

/** The median time of `fn` over `rounds` calls, after `warm` (ten unless told) that let the code under test settle. */
export async function med(rounds: number, fn: () => Promise<unknown>, warm = 10): Promise<number> {
  return (await measured(rounds, fn, warm)).ms;
}

/** `med`, and the CPU time process `pid` used per call over the same calls. */
async function measured(rounds: number, fn: () => Promise<unknown>, warm = 10, pid?: number): Promise<{ ms: number; cpuMs: number }> {
  for (let i = 0; i < warm; i++) await fn();
  const times: number[] = [];
  const cpuBefore = pid === undefined ? 0 : processCpuMs(pid);
  for (let i = 0; i < rounds; i++) times.push((await timed(fn))[0]);
  return { ms: median(times), cpuMs: pid === undefined ? 0 : (processCpuMs(pid) - cpuBefore) / rounds };
}

/** A console route's median time and the console's CPU time per answer. */
async function onConsole(stack: Stack, rounds: number, fn: () => Promise<unknown>, warm: number): Promise<{ consoleMs: number; consoleCpuMs: number }> {
  const { ms, cpuMs } = await measured(rounds, fn, warm, stack.serverPid);
  return { consoleMs: ms, consoleCpuMs: cpuMs };
}

/** The three routes against their direct calls, on a stack seeded with `demo`, each at its steady state (`warm` calls first). */
export async function routeOverhead(stack: Stack, rounds: number, warm = STEADY): Promise<OverheadRow[]> {
  const admin = (query: string) => call(stack.simUrl, 'GET', `/?${query}`, stack.systemKey as KeyPair);
  const ok = async (r: Promise<Response>) => {
    const response = await r;
    if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
    await response.arrayBuffer();
  };
  const users = JSON.parse((await admin('ostor-users')).text) as { UserEmail: string; UserId: string }[];
  const alice = users.find((u) => u.UserEmail === 'alice@example.com')!;
  const email = enc(alice.UserEmail);
  const bucket = 'alice-photos';
  return [
    {
      measure: 'user page API (GET /api/users/:id)',
      ...(await onConsole(stack, rounds, () => ok(stack.get(`/api/users/${alice.UserId}`)), warm)),
      directMs: await med(
        rounds,
        async () => {
          await admin(`ostor-users&id=${alice.UserId}`);
          await Promise.all([admin(`ostor-buckets&emailAddress=${email}`), admin(`ostor-limits&emailAddress=${email}`), admin(`ostor-quotas&emailAddress=${email}`), admin('ostor-quotas&default=user')]);
        },
        warm,
      ),
    },
    {
      measure: 'users page API (GET /api/users), warm',
      ...(await onConsole(stack, rounds, () => ok(stack.get('/api/users?page=1&pageSize=50')), warm)),
      directMs: await med(rounds, () => admin('ostor-users'), warm),
    },
    {
      measure: 'bucket page API (GET /api/buckets/:name)',
      ...(await onConsole(stack, rounds, () => ok(stack.get(`/api/buckets/${bucket}`)), warm)),
      directMs: await med(
        rounds,
        async () => {
          await admin(`ostor-buckets&bucket=${bucket}`);
          await Promise.all([admin(`ostor-limits&bucket=${bucket}`), admin(`ostor-quotas&bucket=${bucket}`), admin('ostor-quotas&default=bucket')]);
        },
        warm,
      ),
    },
  ];
}

/** Floors: what any answer costs without a gateway call, at the same steady state (time, and the console's CPU time per answer). */
export async function routeFloors(stack: Stack, rounds: number, warm = STEADY): Promise<{ unauthenticatedMs: number; unauthenticatedCpuMs: number; healthMs: number; healthCpuMs: number; sessionMs: number }> {
  const unauthenticated = await measured(rounds, async () => (await request('GET', `${stack.base}/api/users`, {})).arrayBuffer(), warm, stack.serverPid);
  const health = await measured(rounds, async () => (await stack.get('/api/health/live')).arrayBuffer(), warm, stack.serverPid);
  return {
    unauthenticatedMs: unauthenticated.ms,
    unauthenticatedCpuMs: unauthenticated.cpuMs,
    healthMs: health.ms,
    healthCpuMs: health.cpuMs,
    sessionMs: await med(rounds, async () => (await stack.get('/api/auth/session')).arrayBuffer(), warm),
  };
}

async function main() {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '200' }, warm: { type: 'string', default: String(STEADY) } } });
  const rounds = Number(values.rounds);
  const warm = Number(values.warm);
  const stack = await startStack('demo');
  try {
    const rows = await routeOverhead(stack, rounds, warm);
    const floors = await routeFloors(stack, rounds, warm);
    console.log(`\nConsole route vs the same gateway calls made directly, median of ${rounds} after ${warm}\n`);
    console.log('| route | console | direct | ratio | added | console CPU per answer |');
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.measure} | ${r.consoleMs.toFixed(2)} ms | ${r.directMs.toFixed(2)} ms | ${(r.consoleMs / r.directMs).toFixed(2)} | ${(r.consoleMs - r.directMs).toFixed(2)} ms | ${r.consoleCpuMs.toFixed(2)} ms |`);
    console.log(
      `\nFloors: 401 without a session ${floors.unauthenticatedMs.toFixed(2)} ms (CPU ${floors.unauthenticatedCpuMs.toFixed(2)} ms); health check ${floors.healthMs.toFixed(2)} ms (CPU ${floors.healthCpuMs.toFixed(2)} ms); /api/auth/session ${floors.sessionMs.toFixed(2)} ms`,
    );
  } finally {
    stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
