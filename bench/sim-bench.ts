/**
 * Simulator figures: seeding and listing 100,000 users, memory at that size, and requests per
 * second on the admin API and on GetObject of a small object. Prints figures; asserts nothing.
 *   npm run bench:sim [-- --users 100000 --seconds 5 --concurrency 32]
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { call, type KeyPair } from '../sim/testing/client';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '32' } },
});
const users = Number(values.users);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const root = path.resolve(import.meta.dirname, '..');
const system: KeyPair = { id: 'a14040e0b2ef8b28FZZ8', secret: 'dbwTnQTW602aAAdq8DQVFzB6yrTCFTNiGB8C8RFA' };

function startSim(): Promise<{ url: string; pid: number; seedLine: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', '--port', '0', '--seed', `users:${users}`], {
    cwd: root,
    env: { ...process.env, SIM_SYSTEM_KEY_ID: system.id, SIM_SYSTEM_SECRET: system.secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /simulator on (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve({ url: m[1], pid: child.pid!, seedLine: /seeded.*/.exec(out)?.[0] ?? '', stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`simulator exited ${code}: ${out}`)));
  });
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}

/** Replays one signed request as fast as `concurrency` connections allow, for `seconds`. */
async function load(url: string, headers: Record<string, string>): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      await new Promise<void>((resolve) => {
        const req = http.request(url, { headers, agent }, (res) => {
          if (res.statusCode !== 200) errors += 1;
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', () => {
          errors += 1;
          resolve();
        });
        req.end();
      });
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(latencies.length / seconds),
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
    errors,
  };
}

/** A V2 signature covers the date, not the moment: one signed request can be replayed for minutes. */
function v2Signed(method: string, resource: string, key: KeyPair): Record<string, string> {
  const date = new Date().toUTCString().replace('GMT', '+0000');
  const sig = crypto.createHmac('sha1', key.secret).update(`${method}\n\n\n${date}\n${resource}`).digest('base64');
  return { Date: date, Authorization: `AWS ${key.id}:${sig}` };
}

async function main() {
  const started = performance.now();
  const sim = await startSim();
  console.log(`start + ${sim.seedLine} : ${Math.round(performance.now() - started)} ms (process start included)`);
  console.log(`memory with ${users} users: RSS ${(rssOf(sim.pid) / 1e6).toFixed(0)} MB`);
  try {
    for (const label of ['cold', 'warm']) {
      const t = performance.now();
      const list = await call(sim.url, 'GET', '/?ostor-users', system);
      console.log(`GET /?ostor-users (${label}): ${Math.round(performance.now() - t)} ms, ${(list.body.length / 1e6).toFixed(1)} MB, ${JSON.parse(list.text).length} users`);
    }
    const email = `user-${String(Math.ceil(users / 2)).padStart(Math.max(6, String(users).length), '0')}@example.com`;
    const one = await load(`${sim.url}/?ostor-users&emailAddress=${encodeURIComponent(email)}`, v2Signed('GET', '/?ostor-users', system));
    console.log(`admin API, GET one user of ${users}: ${one.rps} req/s, p50 ${one.p50.toFixed(1)} ms, p99 ${one.p99.toFixed(1)} ms, errors ${one.errors}`);

    const created = JSON.parse((await call(sim.url, 'PUT', '/?ostor-users&emailAddress=bench%40example.com', system)).text);
    const key = { id: created.AWSAccessKeys[0].AWSAccessKeyId, secret: created.AWSAccessKeys[0].AWSSecretAccessKey };
    await call(sim.url, 'PUT', '/bench-bucket', key);
    await call(sim.url, 'PUT', '/bench-bucket/small.txt', key, { body: Buffer.alloc(1024, 'x') });
    const get = await load(`${sim.url}/bench-bucket/small.txt`, v2Signed('GET', '/bench-bucket/small.txt', key));
    console.log(`GetObject 1 KiB: ${get.rps} req/s, p50 ${get.p50.toFixed(1)} ms, p99 ${get.p99.toFixed(1)} ms, errors ${get.errors}`);
    console.log(`memory after load: RSS ${(rssOf(sim.pid) / 1e6).toFixed(0)} MB`);
  } finally {
    sim.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
