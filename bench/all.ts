/**
 * Every performance measure of the console in one run, printed as one table: the measure, its
 * value, the baseline it is divided by (where it is a ratio), the ratio, the target, and whether
 * it is met. Starts its own simulators and consoles (child processes) one scenario at a time.
 * Needs a build (`npm run build`); the collection measure needs the PostgreSQL server at
 * 127.0.0.1:5432. Takes about fifteen minutes on two cores.
 *
 *   npm run bench [-- --quick] [-- --only idle,open]
 *   (--quick: fewer rounds and smaller sets, for a first look; --only: some scenarios of demo,
 *   idle, users, buckets, collection, open)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../lib/db/client';
import { embeddedTemplate } from '../lib/db/embedded-template';
import { createServerDatabase } from '../lib/db/server-database';
import { call, type KeyPair } from '../sim/testing/client';
import { firstLoadSizes } from './bundle-size';
import { median, startStack, timed, treeRss, type Stack } from './console-stack';
import { med, routeFloors, routeOverhead, STEADY } from './route-overhead';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
const quick = values.quick;
/** `--only demo,idle,users,buckets,collection,open`: some scenarios, for a quick look at their rows. */
const only = values.only ? new Set(values.only.split(',')) : null;
const runs = (scenario: string) => !only || only.has(scenario);
const root = path.resolve(import.meta.dirname, '..');

interface Row {
  id: string;
  measure: string;
  value: number;
  unit: string;
  /** What the value is divided by, when the target is a ratio. */
  baseline?: number;
  /** None: a figure shown beside the others, not a target of its own. */
  target: { op: '<=' | '>='; limit: number; of: 'ratio' | 'value' } | null;
}

const rows: Row[] = [];
const say = (text: string) => console.error(`bench: ${text}`);

/**
 * The console's memory once it is idle: 30 s after its last request. Start-up work (migrations,
 * first compilations, jobs' first look) is over by then, and so is V8's giving back of heap it no
 * longer needs, which it does in steps some 8 s apart after the last request (seen here: 278 MB
 * three seconds after the demo scenario's requests, 267 from 8 s, 245 from 18 s on).
 */
async function settle(stack: Stack) {
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  return treeRss(stack.serverPid);
}

const raw = (stack: Stack, query: string) => call(stack.simUrl, 'GET', `/?${query}`, stack.systemKey as KeyPair);

async function demoScenario() {
  say('the demo tenants: routes, bundles, idle memory (embedded database)');
  const stack = await startStack('demo');
  try {
    const rounds = quick ? 40 : 200;
    const warm = quick ? 100 : STEADY;
    const overhead = await routeOverhead(stack, rounds, warm);
    for (const r of overhead) {
      rows.push({ id: 'P1', measure: r.measure, value: r.consoleMs, unit: 'ms', baseline: r.directMs, target: { op: '<=', limit: 1.1, of: 'ratio' } });
    }
    // The floor of any route: Next's own cost of an answer that asks neither the gateway nor the database.
    const floors = await routeFloors(stack, rounds, warm);
    rows.push({ id: 'P1', measure: 'floor: an answer without a session (401), no gateway call', value: floors.unauthenticatedMs, unit: 'ms', target: null });
    rows.push({ id: 'P1', measure: 'floor: the liveness check, no gateway call', value: floors.healthMs, unit: 'ms', target: null });
    // The console's own CPU time per answer, over the same calls: steadier than their time on a shared machine.
    for (const r of overhead) rows.push({ id: 'P1', measure: `the console's CPU time per answer: ${r.measure}`, value: r.consoleCpuMs, unit: 'ms', target: null });
    rows.push({ id: 'P1', measure: "the console's CPU time per answer: the liveness check", value: floors.healthCpuMs, unit: 'ms', target: null });
    const { sizes, shared } = await firstLoadSizes(stack);
    const ranked = Object.entries(sizes).sort((a, b) => b[1] - a[1]);
    const [page, bytes] = ranked[0];
    const within = ranked.filter(([, b]) => b <= 160 * 1024).length;
    rows.push({ id: 'P5', measure: `largest first-load JavaScript (${page.replace(/[0-9a-f]{16}/, ':id')}); ${within} of ${ranked.length} pages ≤ 160 KiB`, value: bytes / 1024, unit: 'KiB', target: { op: '<=', limit: 160, of: 'value' } });
    // The floor of every page's first load: what they all share. What is left under 160 KiB is for
    // a page's own code.
    rows.push({ id: 'P5', measure: 'floor: JavaScript every page but sign-in loads first (Next, React, the query client, the console shell)', value: shared / 1024, unit: 'KiB', target: null });
    rows.push({ id: 'P5', measure: `the largest page's own code (${page.replace(/[0-9a-f]{16}/, ':id')}), beyond that floor`, value: (bytes - shared) / 1024, unit: 'KiB', target: null });
    rows.push({ id: 'P6', measure: 'console memory, embedded database, idle after every page and route above', value: await settle(stack), unit: 'MB', target: { op: '<=', limit: 250, of: 'value' } });
  } finally {
    stack.stop();
  }
}

/** Idle memory after the same small work on either database: started, one users page, settled. */
async function idleScenario(where: 'embedded database' | 'PostgreSQL') {
  say(`idle memory on the ${where}`);
  const database = where === 'PostgreSQL' ? await createServerDatabase('staas_bench_all') : null;
  const stack = await startStack('demo', database ? { databaseUrl: database.url } : {});
  try {
    await stack.get('/api/users');
    rows.push({ id: 'P6', measure: `console memory, idle, ${where}`, value: await settle(stack), unit: 'MB', target: { op: '<=', limit: where === 'PostgreSQL' ? 150 : 250, of: 'value' } });
  } finally {
    stack.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await database?.drop().catch(() => undefined);
  }
}

/**
 * The peak of the console's memory while it takes a storage round (every bucket's size, read from
 * the whole-gateway list and written to the database), started by hand and followed to its end.
 */
async function storageRoundPeak(stack: Stack): Promise<number> {
  const started = await stack.send('POST', '/api/usage/jobs/sample');
  if (!started.ok) throw new Error(`the storage round did not start: ${started.status} ${await started.text()}`);
  let peak = treeRss(stack.serverPid);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    peak = Math.max(peak, treeRss(stack.serverPid));
    const { job } = (await (await stack.get('/api/usage/jobs/sample')).json()) as { job: { state: string; message: string } | null };
    if (job && job.state !== 'queued' && job.state !== 'running') {
      if (job.state !== 'done') throw new Error(`the storage round ended ${job.state}: ${job.message}`);
      break;
    }
  }
  // What follows the round's end (its garbage collected, the reconciliation it starts) counts too.
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    peak = Math.max(peak, treeRss(stack.serverPid));
  }
  return peak;
}

async function listScenario(kind: 'users' | 'buckets', count: number) {
  say(`${count.toLocaleString('en')} ${kind}`);
  // The console's schedule is off: its first storage round (15 s after the start) would read the
  // whole list beside the measures; the buckets scenario takes one by hand, last.
  const stack = await startStack(`${kind}:${count}`, { env: { STORAGE_SAMPLE_INTERVAL: '0', USAGE_COLLECT_INTERVAL: '0', PLAN_RECONCILE_INTERVAL: '0' } });
  try {
    const service = kind === 'users' ? 'ostor-users' : 'ostor-buckets';
    // The gateway's first answer is slower than its later ones (the simulator's own code warms up):
    // it is asked once first, so that the cold figure is the console's first look against a gateway
    // as warm as the one the baseline is read from.
    const [gatewayFirst] = await timed(() => raw(stack, service));
    const [cold] = await timed(async () => (await stack.get(`/api/${kind}?page=1&pageSize=50`)).arrayBuffer());
    // Warm: once the work the first look started (first-seen dates, the bucket list for sizes) is done.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const rawTimes: number[] = [];
    for (let i = 0; i < (quick ? 2 : 5); i++) rawTimes.push((await timed(() => raw(stack, service)))[0]);
    // Warm is the steady state, as P1's routes are timed: pages all over the list, after as many
    // calls as P1 makes first (ten before: a time V8 was still optimising the route's code in).
    let asked = 0;
    const warm = await med(quick ? 20 : 100, async () => (await stack.get(`/api/${kind}?page=${1 + ((asked++ * 37) % 1000)}&pageSize=50`)).arrayBuffer(), quick ? 100 : STEADY);
    const id = kind === 'users' ? 'P2' : 'P3';
    const at = count.toLocaleString('en');
    rows.push({ id, measure: `${kind} page, warm, at ${at}`, value: warm, unit: 'ms', baseline: median(rawTimes), target: { op: '<=', limit: 0.02, of: 'ratio' } });
    rows.push({ id, measure: `${kind} page, cold, at ${at}`, value: cold, unit: 'ms', baseline: median(rawTimes), target: { op: '<=', limit: 1.2, of: 'ratio' } });
    rows.push({ id, measure: `the gateway's own first answer (asked before the cold look), at ${at}`, value: gatewayFirst, unit: 'ms', baseline: median(rawTimes), target: null });
    // Memory before anything else is asked: the list is kept a while, and once it is older than that
    // the next look reads it again beside the one kept.
    const memory = await settle(stack);
    if (kind === 'users') rows.push({ id: 'P6', measure: `console memory, ${count.toLocaleString('en')} users cached`, value: memory, unit: 'MB', target: { op: '<=', limit: 300, of: 'value' } });
    else rows.push({ id: 'P3', measure: `console memory, ${count.toLocaleString('en')} buckets cached`, value: memory, unit: 'MB', target: { op: '<=', limit: 600, of: 'value' } });
    // The floor of a cold look: the same answer read and parsed once with JSON.parse, here, with no
    // check, no sort and no page built. (The console reads the list as it arrives instead.)
    const parsed: number[] = [];
    for (let i = 0; i < (quick ? 2 : 3); i++) parsed.push((await timed(async () => JSON.parse((await raw(stack, service)).text) as unknown))[0]);
    rows.push({ id, measure: `floor of cold: raw ${kind} list read and JSON.parse'd, at ${at}`, value: median(parsed), unit: 'ms', baseline: median(rawTimes), target: null });
    if (kind === 'buckets') rows.push({ id, measure: `console memory at its peak during a storage round of ${at} buckets`, value: await storageRoundPeak(stack), unit: 'MB', target: null });
    // A look that reads the list again on a console that has run a while (after a change, or when
    // asked to refresh): the cold figure without a new process's first run of its code. (After the
    // storage round, whose peak the lists read here would otherwise swell.)
    const again: number[] = [];
    for (let i = 0; i < (quick ? 2 : kind === 'buckets' ? 3 : 5); i++) {
      again.push((await timed(async () => (await stack.get(`/api/${kind}?page=1&pageSize=50&refresh=1`)).arrayBuffer()))[0]);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    rows.push({ id, measure: `${kind} page, list read again on a running console, at ${at}`, value: median(again), unit: 'ms', baseline: median(rawTimes), target: null });
  } finally {
    stack.stop();
  }
}

/** One run of bench:usage: objects per second of each of its passes, and the CPU time per object of bare reads and of collecting. */
interface UsageRates {
  baseline: number;
  readsDeletes: number;
  collect: number;
  cpu: { baseline: UsageCpu; collect: UsageCpu };
}

/**
 * CPU time per object, in ms, of each process: the one reading (or collecting, with the embedded
 * database's thread), the simulator, the PostgreSQL server (0 when embedded).
 */
interface UsageCpu {
  own: number;
  simulator: number;
  postgres: number;
}

/** bench:usage in a process of its own; its figures read from what it prints. */
function usageBench(args: string[]): Promise<UsageRates> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/usage-bench.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const rate = (mode: string) => Number(new RegExp(`^${mode}\\s.*?: (\\d+) objects/s`, 'm').exec(out)?.[1] ?? NaN);
      const cpu = (mode: string): UsageCpu => {
        const m = new RegExp(`^${mode}\\s.*?CPU ([\\d.]+) ms an object \\(simulator ([\\d.]+)(?:, PostgreSQL server ([\\d.]+))?\\)`, 'm').exec(out);
        return { own: Number(m?.[1] ?? NaN), simulator: Number(m?.[2] ?? NaN), postgres: Number(m?.[3] ?? 0) };
      };
      if (code !== 0) reject(new Error(`bench:usage exited ${code}: ${out}`));
      else resolve({ baseline: rate('baseline'), readsDeletes: rate('reads-deletes'), collect: rate('collect'), cpu: { baseline: cpu('baseline'), collect: cpu('collect') } });
    });
  });
}

async function collectionScenario() {
  const size = quick ? ['--objects', '1000'] : ['--objects', '10000', '--items', '100'];
  for (const [where, extra, limit] of [
    ['PostgreSQL', ['--postgres'], 0.7],
    ['embedded database', [], 0.4],
  ] as const) {
    // Each run is a pair (bare reads, then collection) on a machine shared with others: a few pairs,
    // and the one with the median ratio shown, with the spread of all.
    const runs: UsageRates[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      say(`collection into the ${where} (${i + 1})`);
      runs.push(await usageBench([...size, ...extra]));
    }
    const ratios = runs.map((r) => r.collect / r.baseline).sort((a, b) => a - b);
    const { baseline, readsDeletes, collect, cpu } = runs.find((r) => r.collect / r.baseline === median(ratios))!;
    const spread = runs.length > 1 ? ` (median of ${runs.length} runs, ${ratios[0].toFixed(2)}–${ratios.at(-1)!.toFixed(2)})` : '';
    rows.push({ id: 'P4', measure: `exactly-once collection, ${where}${spread}`, value: collect, unit: 'objects/s', baseline, target: { op: '>=', limit, of: 'ratio' } });
    // What collecting costs before anything is stored: each object read, then deleted (the same run).
    rows.push({ id: 'P4', measure: `floor: reads and deletes, nothing stored (same run as above)`, value: readsDeletes, unit: 'objects/s', baseline, target: null });
    // Every process's CPU time per object (the machine's two cores are shared by all three): what collecting costs the machine against bare reads.
    const total = (c: UsageCpu) => c.own + c.simulator + c.postgres;
    const split = (c: UsageCpu, own: string) => [`${own} ${c.own.toFixed(2)}`, `simulator ${c.simulator.toFixed(2)}`, ...(extra.length ? [`PostgreSQL ${c.postgres.toFixed(2)}`] : [])].join(', ');
    rows.push({
      id: 'P4',
      measure: `CPU time per object, every process (same run): collection (${split(cpu.collect, 'collector')}) ÷ bare reads (${split(cpu.baseline, 'reader')})`,
      value: total(cpu.collect),
      unit: 'ms',
      baseline: total(cpu.baseline),
      target: null,
    });
    // The database stores on a core of its own (the PostgreSQL server's process, or the embedded
    // database's thread), so the processes can overlap, but on two cores no faster than two cores'
    // worth of their CPU time per object allows.
    rows.push({ id: 'P4', measure: 'floor: collection at two cores\' worth of every process\'s CPU time per object (same run)', value: 2000 / total(cpu.collect), unit: 'objects/s', baseline, target: null });
  }
}

async function embeddedOpenScenario() {
  say('opening the embedded database');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-open-'));
  try {
    // The template exists once any database was made on this machine (the scenarios above made some).
    const [fresh, first] = await timed(() => openDatabase({ dataDir: path.join(dir, 'new') }));
    await first.close();
    const [again, second] = await timed(() => openDatabase({ dataDir: path.join(dir, 'new') }));
    await second.close();
    // On a new machine `npm ci` makes the template (scripts/prepare-database.ts) before any start.
    const [making] = await timed(() => embeddedTemplate(path.join(dir, 'empty-cache'), path.join(root, 'db/migrations')));
    const [bare, third] = await timed(() => openDatabase({ dataDir: path.join(dir, 'bare'), cacheDir: path.join(dir, 'empty-cache') }));
    await third.close();
    rows.push({ id: 'P7', measure: 'embedded database ready, existing data', value: again / 1000, unit: 's', target: { op: '<=', limit: 1, of: 'value' } });
    rows.push({ id: 'P7', measure: 'embedded database ready, first start (from the template)', value: fresh / 1000, unit: 's', target: { op: '<=', limit: 1, of: 'value' } });
    rows.push({ id: 'P7', measure: 'embedded database ready, first start on a new machine (after npm ci)', value: bare / 1000, unit: 's', target: { op: '<=', limit: 1, of: 'value' } });
    rows.push({ id: 'P7', measure: 'making the template, once per machine (npm ci, postinstall)', value: making / 1000, unit: 's', target: null });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function print() {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  console.log(`\nstaas-console performance — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}${quick ? ', --quick' : ''}\n`);
  console.log('| # | measure | value | baseline | ratio | target | met |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows.sort((a, b) => a.id.localeCompare(b.id))) {
    const ratio = r.baseline ? r.value / r.baseline : null;
    const { target: t } = r;
    const judged = t?.of === 'ratio' ? ratio! : r.value;
    const met = !t ? '—' : (t.op === '<=' ? judged <= t.limit : judged >= t.limit) ? 'yes' : 'no';
    const target = !t ? '—' : `${t.op === '<=' ? '≤' : '≥'} ${t.limit}${t.of === 'value' ? ` ${r.unit}` : ''}`;
    console.log(`| ${r.id} | ${r.measure} | ${fmt(r.value)} ${r.unit} | ${r.baseline ? `${fmt(r.baseline)} ${r.unit}` : '—'} | ${ratio === null ? '—' : ratio.toFixed(2)} | ${target} | ${met} |`);
  }
}

async function main() {
  if (runs('demo')) await demoScenario();
  if (runs('idle')) {
    await idleScenario('embedded database');
    await idleScenario('PostgreSQL');
  }
  if (runs('users')) await listScenario('users', quick ? 20_000 : 100_000);
  if (runs('buckets')) await listScenario('buckets', quick ? 100_000 : 1_000_000);
  if (runs('collection')) await collectionScenario();
  if (runs('open')) await embeddedOpenScenario();
  print();
}

main().catch((error) => {
  print();
  console.error(error);
  process.exit(1);
});
