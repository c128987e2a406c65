/**
 * What the console adds to a gateway call (target P1 of the performance work): three console
 * routes — a user's page, the users page, a bucket's page — each timed against the very gateway
 * calls it makes, made directly from here in the same order (sequential where the route must wait
 * for an answer, parallel where it need not), in the same run. Also the floors: an unauthenticated
 * answer (401) and the health check. Needs a build.
 *
 *   npm run bench:routes [-- --rounds 200]
 */
import { parseArgs } from 'node:util';
import { call, type KeyPair } from '../sim/testing/client';
import { median, request, startStack, timed, type Stack } from './console-stack';

export interface OverheadRow {
  measure: string;
  consoleMs: number;
  directMs: number;
}

const enc = encodeURIComponent;

/** The median time of `fn` over `rounds` calls, after ten that let the code under test settle. */
export async function med(rounds: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push((await timed(fn))[0]);
  return median(times);
}

/** The three routes against their direct calls, on a stack seeded with `demo`. */
export async function routeOverhead(stack: Stack, rounds: number): Promise<OverheadRow[]> {
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
      consoleMs: await med(rounds, () => ok(stack.get(`/api/users/${alice.UserId}`))),
      directMs: await med(rounds, async () => {
        await admin(`ostor-users&id=${alice.UserId}`);
        await Promise.all([admin(`ostor-buckets&emailAddress=${email}`), admin(`ostor-limits&emailAddress=${email}`), admin(`ostor-quotas&emailAddress=${email}`), admin('ostor-quotas&default=user')]);
      }),
    },
    {
      measure: 'users page API (GET /api/users), warm',
      consoleMs: await med(rounds, () => ok(stack.get('/api/users?page=1&pageSize=50'))),
      directMs: await med(rounds, () => admin('ostor-users')),
    },
    {
      measure: 'bucket page API (GET /api/buckets/:name)',
      consoleMs: await med(rounds, () => ok(stack.get(`/api/buckets/${bucket}`))),
      directMs: await med(rounds, async () => {
        await admin(`ostor-buckets&bucket=${bucket}`);
        await Promise.all([admin(`ostor-limits&bucket=${bucket}`), admin(`ostor-quotas&bucket=${bucket}`), admin('ostor-quotas&default=bucket')]);
      }),
    },
  ];
}

/** Floors: what any answer costs without a gateway call. */
export async function routeFloors(stack: Stack, rounds: number): Promise<{ unauthenticatedMs: number; healthMs: number; sessionMs: number }> {
  return {
    unauthenticatedMs: await med(rounds, async () => (await request('GET', `${stack.base}/api/users`, {})).arrayBuffer()),
    healthMs: await med(rounds, async () => (await stack.get('/api/health/live')).arrayBuffer()),
    sessionMs: await med(rounds, async () => (await stack.get('/api/auth/session')).arrayBuffer()),
  };
}

async function main() {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '200' } } });
  const rounds = Number(values.rounds);
  const stack = await startStack('demo');
  try {
    const rows = await routeOverhead(stack, rounds);
    const floors = await routeFloors(stack, rounds);
    console.log(`\nConsole route vs the same gateway calls made directly, median of ${rounds}\n`);
    console.log('| route | console | direct | ratio | added |');
    console.log('|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.measure} | ${r.consoleMs.toFixed(2)} ms | ${r.directMs.toFixed(2)} ms | ${(r.consoleMs / r.directMs).toFixed(2)} | ${(r.consoleMs - r.directMs).toFixed(2)} ms |`);
    console.log(`\nFloors: 401 without a session ${floors.unauthenticatedMs.toFixed(2)} ms; health check ${floors.healthMs.toFixed(2)} ms; /api/auth/session ${floors.sessionMs.toFixed(2)} ms`);
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
