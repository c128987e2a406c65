/**
 * The usage collector's cost of being safe: fills a simulator with statistics objects (default
 * 10,000 of 100 items), reads them all without storing (the baseline), reads and deletes them all
 * without storing (what collecting costs before anything is stored), fills it again, then collects
 * them (store a group at a time, commit, delete), and prints objects per second, peak memory and
 * the process's own CPU time of each (steadier than the time taken on a shared machine); of the
 * collector's, when the database is embedded, the part spent inside the database.
 *   npm run bench:usage [-- --objects 10000 --items 100 --postgres --buckets 100000]
 * `--postgres` collects into a new database on the PostgreSQL server at 127.0.0.1:5432 instead
 * of the embedded one; `--buckets N` also seeds N buckets and times two storage rounds. Each run
 * is a process of its own, with the server's Node options (the collector runs in the server, or in
 * `npm run collect-usage` with the same ones); the simulator is another. With `PROF_DIR=<dir>` in
 * the environment each run writes a CPU profile there, named after its mode (open it in Chrome's
 * DevTools).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createServerDatabase } from '../lib/db/testing';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';
import { parentPid, treeCpuMs } from './proc';

const { values } = parseArgs({
  options: { objects: { type: 'string', default: '10000' }, items: { type: 'string', default: '100' }, postgres: { type: 'boolean', default: false }, buckets: { type: 'string', default: '0' } },
});
const buckets = Number(values.buckets);
const objects = Number(values.objects);
const items = Number(values.items);
const root = path.resolve(import.meta.dirname, '..');
const key = { SIM_SYSTEM_KEY_ID: 'b3nchb3nchb3nchUSG01', SIM_SYSTEM_SECRET: 'usage-bench-secret-0123456789abcdefghijkl' };
const env = { ...process.env, ...key };

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const profile = process.env.PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF_DIR}`, `--cpu-prof-name=${args[1]}.cpuprofile`] : [];
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, '--conditions=react-server', '--import', 'tsx', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}: ${out}`))));
  });
}

const sim = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', '--port', '0', '--test-api', ...(buckets ? ['--seed', `buckets:${buckets}`] : [])], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  sim.stdout.on('data', (d) => {
    out += d;
    const m = /simulator on (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
  sim.on('exit', (code) => reject(new Error(`the simulator exited ${code}: ${out}`)));
});

const server = values.postgres ? await createServerDatabase('staas_bench') : null;

/**
 * The PostgreSQL server's main process, whose tree holds every backend: the parent of this
 * connection's. Its CPU time is all the server does meanwhile, for any database: run the bench on
 * a server nothing else uses.
 */
async function serverPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return parentPid(rows[0].pid);
  } finally {
    await client.end();
  }
}
try {
  const postgresPid = server ? await serverPid(server.url) : null;
  const users = Array.from({ length: 50 }, (_, i) => (0x1000_0000_0000_0000n + BigInt(i)).toString(16));
  const chunk = Math.max(1, Math.floor(200_000 / items));
  const fill = async () => {
    const fillStart = performance.now();
    for (let done = 0; done < objects; done += chunk) {
      const n = Math.min(chunk, objects - done);
      const response = await fetch(`${url}/__sim/usage/generate`, {
        method: 'POST',
        body: JSON.stringify({ objects: n, items, start: Date.UTC(2026, 0, 1) + done * 60_000, users }),
      });
      if (!response.ok) throw new Error(`filling the simulator: ${response.status} ${await response.text()}`);
    }
    console.log(`filled the simulator with ${objects} objects × ${items} items in ${Math.round(performance.now() - fillStart)} ms`);
  };
  await fill();
  const results: Record<
    string,
    { objects: number; items: number; ms: number; cpuMs: number; peakRssMb: number; openMs?: number; openRssMb?: number; seriesMs?: number; topMs?: number; userMs?: number }
  > = {};
  // Reading and deleting (nothing stored) empties the simulator: it is filled again before collecting.
  for (const mode of ['baseline', 'reads-deletes', 'collect'] as const) {
    if (mode === 'collect') await fill();
    // The other processes' CPU time over the whole run (opening the database included): the simulator answering, the PostgreSQL server storing.
    const others = () => [treeCpuMs(sim.pid!), postgresPid === null ? 0 : treeCpuMs(postgresPid)];
    const before = others();
    results[mode] = JSON.parse(await run(['bench/usage-worker.ts', mode, url, ...(server ? [server.url] : [])]));
    const [simCpuMs, postgresCpuMs] = others().map((after, i) => after - before[i]);
    const r = results[mode];
    const perObject = (ms: number) => (ms / r.objects).toFixed(2);
    console.log(
      `${mode.padEnd(13)} ${r.objects} objects, ${r.items} items in ${(r.ms / 1000).toFixed(1)} s: ${Math.round((r.objects / r.ms) * 1000)} objects/s, ${Math.round((r.items / r.ms) * 1000)} items/s, peak RSS ${r.peakRssMb} MB, ` +
        `CPU ${perObject(r.cpuMs)} ms an object (simulator ${perObject(simCpuMs)}${postgresPid === null ? '' : `, PostgreSQL server ${perObject(postgresCpuMs)}`})` +
        (r.openMs === undefined ? '' : ` (opening the database took ${r.openMs} ms and left RSS at ${r.openRssMb} MB)`),
    );
  }
  const { baseline, collect } = results;
  if (collect.objects !== objects || collect.items !== objects * items) throw new Error(`the collector stored ${collect.objects} objects / ${collect.items} items, not ${objects} / ${objects * items}`);
  console.log(`then, over the ${collect.items} items: a month by day ${collect.seriesMs} ms, top users ${collect.topMs} ms, one user's month ${collect.userMs} ms`);
  if (buckets) {
    const s = JSON.parse(await run(['bench/usage-worker.ts', 'sample', url, ...(server ? [server.url] : [])])) as { buckets: number; rounds: number[]; peakRssMb: number };
    console.log(`storage rounds over ${s.buckets} buckets: the first ${s.rounds[0]} ms, the second (with its integration) ${s.rounds[1]} ms, peak RSS ${s.peakRssMb} MB`);
  }
  console.log(`cost of being safe (${server ? 'PostgreSQL server' : 'embedded database'}): ${(collect.ms / baseline.ms).toFixed(2)}× the time, ${(collect.peakRssMb / baseline.peakRssMb).toFixed(2)}× the peak memory`);
} finally {
  sim.kill('SIGTERM');
  await server?.drop();
}
