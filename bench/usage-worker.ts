/**
 * One run of the usage benchmark, in a process of its own so that its peak memory is its own:
 *   node --conditions=react-server --import tsx bench/usage-worker.ts <baseline|reads-deletes|collect|sample> <gateway url> [database url]
 * `baseline` lists and reads (and parses) every statistics object with the collector's
 * concurrency, storing and deleting nothing; `reads-deletes` also deletes each object once read,
 * storing nothing (what collecting costs before anything is stored); `collect` runs the collector
 * itself; `sample` takes two storage rounds. Prints one JSON line. The CPU time is the whole
 * process's: the embedded database works on a thread of its own, and its time is counted in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../lib/db/client';
import type { GatewayConnection } from '../lib/gateway/request';
import { deleteStatisticsObject, listStatisticsObjects, readStatisticsObject } from '../lib/gateway/usage';
import { collectUsage } from '../lib/usage/collector';
import { topUsers, usageSeries } from '../lib/usage/series';
import { sampleStorage } from '../lib/usage/sampler';
import { parseStatisticsObject } from '../lib/usage/statistics-object';

const [mode, url, databaseUrl] = process.argv.slice(2);
const conn: GatewayConnection = { url, accessKeyId: process.env.SIM_SYSTEM_KEY_ID!, secret: process.env.SIM_SYSTEM_SECRET!, signature: 'v4', region: 'us-east-1', timeoutMs: 60_000 };
const CONCURRENCY = 4;
const FAR_FUTURE = () => new Date('2100-01-01T00:00:00Z');

/** Bare reads: every object listed, read and parsed; with `deleting`, each also deleted once read (nothing stored). */
async function baseline(deleting = false): Promise<{ objects: number; items: number }> {
  const names = await listStatisticsObjects(conn);
  let items = 0;
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const parsed = parseStatisticsObject((await readStatisticsObject(name, conn)).text);
      if (!parsed.ok) throw new Error(`${name}: ${parsed.reason}`);
      items += parsed.object.items.length;
      if (deleting) await deleteStatisticsObject(name, conn);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { objects: names.length, items };
}

/** This process's CPU time (user and system, all its threads) since `from`, in ms: steadier than the time taken on a shared machine. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(from);
  return Math.round((user + system) / 1000);
};

const timed = async (fn: () => Promise<unknown>): Promise<[number]> => {
  const t = performance.now();
  await fn();
  return [Math.round(performance.now() - t)];
};

async function collect() {
  const dataDir = databaseUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'usage-bench-'));
  const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
  // Opening (and migrating) the database is not collecting: timed apart, its memory noted.
  const openMs = Math.round(performance.now() - started);
  const openRssMb = Math.round(process.memoryUsage().rss / 1e6);
  started = performance.now();
  cpuStarted = process.cpuUsage();
  try {
    const result = await collectUsage(database, { conn, now: FAR_FUTURE, concurrency: CONCURRENCY });
    if (result.status !== 'done' || result.errors.length) throw new Error(`collection did not finish cleanly: ${JSON.stringify(result).slice(0, 500)}`);
    const ms = performance.now() - started;
    const cpuMs = cpuSince(cpuStarted);
    const { rows } = (await database.db.execute('select count(*)::int as n from usage_items')) as unknown as { rows: { n: number }[] };
    // What the usage page then asks for: the month by day, and the top users.
    const month = { from: '2026-01-01', to: '2026-02-01' };
    const [seriesMs] = await timed(() => usageSeries(database.db, { ...month, group: 'day' }));
    const [topMs] = await timed(() => topUsers(database.db, month));
    const [userMs] = await timed(() => usageSeries(database.db, { ...month, group: 'day', scope: { userId: '1000000000000007' } }));
    return { objects: result.collected, items: rows[0].n, openMs, openRssMb, ms, cpuMs, seriesMs, topMs, userMs };
  } finally {
    await database.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Two storage rounds an hour apart: the second also integrates the interval since the first. */
async function sample() {
  const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'usage-bench-')) });
  try {
    const rounds: number[] = [];
    let buckets = 0;
    for (const at of ['2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z']) {
      const t = performance.now();
      const result = await sampleStorage(database, { conn, now: () => new Date(at) });
      if (result.status !== 'done') throw new Error('the sampler was busy');
      rounds.push(Math.round(performance.now() - t));
      buckets = result.buckets;
    }
    return { objects: 0, items: 0, buckets, rounds };
  } finally {
    await database.close();
  }
}

if (mode === 'sample') {
  const result = await sample();
  console.log(JSON.stringify({ mode, ...result, peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6) }));
  process.exit(0);
}

let started = performance.now();
let cpuStarted = process.cpuUsage();
const counted: { objects: number; items: number; ms?: number; cpuMs?: number } = await (mode === 'baseline' || mode === 'reads-deletes' ? baseline(mode === 'reads-deletes') : collect());
const ms = counted.ms ?? performance.now() - started;
const cpuMs = counted.cpuMs ?? cpuSince(cpuStarted);
// ru_maxrss: the process's peak resident memory, in KiB.
console.log(JSON.stringify({ mode, ...counted, ms: Math.round(ms), cpuMs, peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6) }));
