/** Starts a simulator with a seed and the built console against it, signed in as an admin: for benchmarks. */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { upsertStaff } from '../lib/auth/staff';
import { openDatabase } from '../lib/db/client';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';

export { processCpuMs, treeRss } from './proc';

const root = path.resolve(import.meta.dirname, '..');
const system = { id: 'a14040e0b2ef8b28FZZ8', secret: 'dbwTnQTW602aAAdq8DQVFzB6yrTCFTNiGB8C8RFA' };
const port = 3200;
export const base = `http://127.0.0.1:${port}`;

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

/**
 * One request on a kept-alive connection, as a browser makes them, answered as a fetch Response.
 * (Node's fetch costs 2–3 ms more per request than node:http on this kind of machine: measuring
 * with it would charge the console for the client.)
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
export function request(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, one);
        const status = res.statusCode ?? 500;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: out }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const result = await fn();
  return [performance.now() - t, result];
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A simulator and a console, with an admin signed in (the stack's own `get` and `send`). */
export interface Stack extends Session {
  serverPid: number;
  simPid: number;
  /** The simulator's address and system key pair, for set-up made straight on the gateway. */
  simUrl: string;
  systemKey: { id: string; secret: string };
  base: string;
  /** Another session on the same console. */
  signIn: typeof signIn;
  stop(): void;
}

/** A session on the console at `base`: its cookies and requests made with them. */
export interface Session {
  cookies: string[];
  get(path: string): Promise<Response>;
  /** A change, sent as the console's own pages send it (same origin, JSON). */
  send(method: string, path: string, body?: unknown): Promise<Response>;
}

/** Signs in at the console as staff (email, password) or as a customer (accessKeyId, secretKey). */
async function signIn(provider: 'staff' | 'customer', credentials: Record<string, string>): Promise<Session> {
  const jar: string[] = [];
  const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => jar.push(c.split(';')[0]));
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  keep(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  keep(
    await fetch(`${base}/api/auth/callback/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
      body: new URLSearchParams({ ...credentials, csrfToken, json: 'true' }),
      redirect: 'manual',
    }),
  );
  if (!jar.some((c) => c.startsWith('next-auth.session-token='))) throw new Error(`the bench could not sign in as ${provider}`);
  return {
    cookies: jar,
    get: (p) => request('GET', `${base}${p}`, { cookie: jar.join('; ') }),
    send: (method, p, body) => request(method, `${base}${p}`, { cookie: jar.join('; '), origin: base, 'content-type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body)),
  };
}

/**
 * `databaseUrl`: the console on a PostgreSQL server's database instead of its embedded one;
 * `nodeArgs`: more Node flags for the console's server (`--cpu-prof` to see where time goes);
 * `env`: more of the console's settings (`STORAGE_SAMPLE_INTERVAL: '0'` turns its storage rounds off).
 */
export async function startStack(seed: string, options: { databaseUrl?: string; nodeArgs?: string[]; env?: Record<string, string> } = {}): Promise<Stack> {
  if (!fs.existsSync(path.join(root, '.next/BUILD_ID'))) throw new Error('build the console first: npm run build');
  const sim = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', 'sim/cli.ts', '--port', '0', '--seed', seed, '--test-api'], {
    cwd: root,
    env: { ...process.env, SIM_SYSTEM_KEY_ID: system.id, SIM_SYSTEM_SECRET: system.secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const simUrl = await waitFor(sim, /simulator on (http:\/\/[\d.:]+)/);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-bench-'));
  const database = await openDatabase(options.databaseUrl ? { url: options.databaseUrl } : { dataDir });
  await upsertStaff(database.db, { email: 'bench@example.com', name: 'Bench', role: 'admin', password: 'bench password 123' });
  await database.close();
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), 'server/index.mjs', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '--max-old-space-size=8192',
      GATEWAY_URL: simUrl,
      GATEWAY_ACCESS_KEY_ID: system.id,
      GATEWAY_SECRET_ACCESS_KEY: system.secret,
      GATEWAY_TIMEOUT_MS: '120000',
      NEXTAUTH_SECRET: 'bench-secret-0123456789abcdef',
      NEXTAUTH_URL: base,
      CONSOLE_DATA_DIR: dataDir,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    server.kill('SIGTERM');
    sim.kill('SIGTERM');
  };
  try {
    await waitFor(server, /listening on/);
    const session = await signIn('staff', { email: 'bench@example.com', password: 'bench password 123' });
    return { serverPid: server.pid!, simPid: sim.pid!, simUrl, systemKey: system, base, ...session, signIn, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
