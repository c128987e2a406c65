/**
 * Console figures with 100,000 users on the gateway: the users page's API answer cold (the list
 * fetched from the gateway) and warm (from the short-lived cache), a search, the users page's
 * first-load JavaScript, and the server's memory. Needs a build (`npm run build`). Prints figures.
 *   npm run bench:console [-- --users 100000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { upsertStaff } from '../lib/auth/staff';
import { openDatabase } from '../lib/db/client';

const { values } = parseArgs({ options: { users: { type: 'string', default: '100000' } } });
const root = path.resolve(import.meta.dirname, '..');
const system = { id: 'a14040e0b2ef8b28FZZ8', secret: 'dbwTnQTW602aAAdq8DQVFzB6yrTCFTNiGB8C8RFA' };
const port = 3200;
const base = `http://127.0.0.1:${port}`;

function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(m[1] ?? m[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** Resident memory of a process and all its descendants, in MB. */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const visit = (p: number) => {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // Gone.
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return Math.round(total / 1e6);
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const result = await fn();
  return [performance.now() - t, result];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(path.join(root, '.next/BUILD_ID'))) throw new Error('build the console first: npm run build');
  const sim = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', '--port', '0', '--seed', `users:${values.users}`], {
    cwd: root,
    env: { ...process.env, SIM_SYSTEM_KEY_ID: system.id, SIM_SYSTEM_SECRET: system.secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const simUrl = await waitFor(sim, /simulator on (http:\/\/[\d.:]+)/);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-bench-'));
  const database = await openDatabase({ dataDir });
  await upsertStaff(database.db, { email: 'bench@example.com', name: 'Bench', role: 'admin', password: 'bench password 123' });
  await database.close();
  const server = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      GATEWAY_URL: simUrl,
      GATEWAY_ACCESS_KEY_ID: system.id,
      GATEWAY_SECRET_ACCESS_KEY: system.secret,
      NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef',
      NEXTAUTH_URL: base,
      CONSOLE_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await waitFor(server, /Ready in/);
    const jar: string[] = [];
    const cookies = () => jar.join('; ');
    const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => jar.push(c.split(';')[0]));
    const csrfResponse = await fetch(`${base}/api/auth/csrf`);
    keep(csrfResponse);
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const signIn = await fetch(`${base}/api/auth/callback/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies() },
      body: new URLSearchParams({ email: 'bench@example.com', password: 'bench password 123', csrfToken, json: 'true' }),
      redirect: 'manual',
    });
    keep(signIn);
    const get = (p: string) => fetch(`${base}${p}`, { headers: { cookie: cookies() } });
    console.log(`console server memory after start: ${treeRss(server.pid!)} MB (RSS, process tree)`);

    const [cold, first] = await timed(() => get('/api/users?page=1&pageSize=50'));
    const body = (await first.json()) as { total: number };
    console.log(`GET /api/users page 1 of ${body.total} users, cold (list fetched from the gateway): ${cold.toFixed(0)} ms`);
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) warm.push((await timed(async () => (await get(`/api/users?page=${1 + i * 50}&pageSize=50`)).text()))[0]);
    console.log(`GET /api/users any page, warm (cached list), median of 20: ${median(warm).toFixed(1)} ms`);
    const search: number[] = [];
    for (let i = 0; i < 10; i++) search.push((await timed(async () => (await get(`/api/users?q=user-0${i}123&pageSize=50`)).text()))[0]);
    console.log(`GET /api/users search, warm, median of 10: ${median(search).toFixed(1)} ms`);

    const html = await (await get('/users')).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
    let raw = 0;
    let gzip = 0;
    for (const src of scripts) {
      const buf = Buffer.from(await (await get(src)).arrayBuffer());
      raw += buf.length;
      gzip += zlib.gzipSync(buf).length;
    }
    console.log(`users page first-load JavaScript: ${scripts.length} files, ${(raw / 1024).toFixed(0)} KiB, ${(gzip / 1024).toFixed(0)} KiB gzipped`);
    console.log(`console server memory with the list cached: ${treeRss(server.pid!)} MB (RSS, process tree)`);
  } finally {
    server.kill('SIGTERM');
    sim.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
