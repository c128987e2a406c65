import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../server';
import { call } from '../testing/client';
import { makeGateway } from '../testing/harness';

const root = path.resolve(import.meta.dirname, '../..');
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sim-data-'));

/** Starts the simulator's command in its own process; resolves once it prints its address. */
function spawnSim(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/cli.ts', '--port', '0', '--data', dataDir], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /simulator on (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}`)));
  });
}

describe('persistence', () => {
  it('keeps users, keys, accounts, buckets, objects, limits, quotas, usage and counters across a restart', async () => {
    const dataDir = tmpDir();
    const first = makeGateway(await startSimulator({ dataDir, testApi: true }));
    const { key } = await first.createUser('persist@example.com');
    await first.admin('PUT', 'ostor-accounts&emailAddress=persist%40example.com&accountName=acc');
    await first.admin('POST', 'ostor-users&emailAddress=persist%40example.com&genKey');
    await first.as(key, 'PUT', '/persist-bucket');
    await first.as(key, 'PUT', '/persist-bucket/obj', { body: 'kept across restarts' });
    await first.admin('PUT', 'ostor-limits&emailAddress=persist%40example.com&limit-type=ops&limit-resource=put&limit-value=99');
    await first.admin('PUT', 'ostor-quotas&bucket=persist-bucket&quota-size=5');
    await first.testApi('POST', '/__sim/flush');
    await first.as(key, 'GET', '/persist-bucket/obj');
    const snapshot = async (g: typeof first) => ({
      user: await g.adminJson('GET', 'ostor-users&emailAddress=persist%40example.com'),
      buckets: (await g.adminJson('GET', 'ostor-buckets&bucket=persist-bucket')).Buckets.map((b: { size: object }) => ({ ...b, size: null })),
      limits: await g.adminJson('GET', 'ostor-limits&emailAddress=persist%40example.com'),
      quota: await g.adminJson('GET', 'ostor-quotas&bucket=persist-bucket'),
      usage: await g.adminJson('GET', 'ostor-usage'),
      truth: (await g.testApi('GET', '/__sim/truth')).buckets.map((b: { counters: object }) => b.counters),
      pending: g.sim.store.maps.pending.size,
    });
    const before = await snapshot(first);
    const systemKey = first.sim.systemKey;
    await first.sim.close();

    const second = makeGateway(await startSimulator({ dataDir, testApi: true }));
    try {
      expect(second.sim.systemKey).toEqual(systemKey);
      expect(await snapshot(second)).toEqual(before);
      expect(before.pending).toBe(1);
      expect((await second.as(key, 'GET', '/persist-bucket/obj')).text).toBe('kept across restarts');
    } finally {
      await second.sim.close();
    }
  });

  it('loses no acknowledged change and tears nothing when killed with SIGKILL at any moment', async () => {
    const dataDir = tmpDir();
    const env = { SIM_SYSTEM_KEY_ID: '0123456789abcdefSYS1', SIM_SYSTEM_SECRET: 'S'.repeat(40) };
    const system = { id: env.SIM_SYSTEM_KEY_ID, secret: env.SIM_SYSTEM_SECRET };
    const acknowledged: string[] = [];
    for (let round = 0; round < 4; round++) {
      const { child, url } = await spawnSim(dataDir, env);
      const exited = new Promise((r) => child.once('exit', r));
      let stop = false;
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          const email = `kill-${round}-${i}@example.com`;
          try {
            const put = await call(url, 'PUT', `/?ostor-users&emailAddress=${encodeURIComponent(email)}`, system);
            if (put.status === 200) acknowledged.push(email);
          } catch {
            return;
          }
        }
      })();
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 400));
      child.kill('SIGKILL');
      stop = true;
      await Promise.all([writer, exited]);
    }
    expect(acknowledged.length).toBeGreaterThan(10);
    const { child, url } = await spawnSim(dataDir, env);
    try {
      const list = JSON.parse((await call(url, 'GET', '/?ostor-users', system)).text) as { UserEmail: string }[];
      const emails = new Set(list.map((u) => u.UserEmail));
      for (const email of acknowledged) expect(emails.has(email)).toBe(true);
      // Every user that exists is whole: its key pair answers.
      for (const email of [...emails].filter((e) => e.startsWith('kill-')).slice(0, 20)) {
        const info = JSON.parse((await call(url, 'GET', `/?ostor-users&emailAddress=${encodeURIComponent(email)}`, system)).text);
        const pair = { id: info.AWSAccessKeys[0].AWSAccessKeyId, secret: info.AWSAccessKeys[0].AWSSecretAccessKey };
        expect((await call(url, 'GET', '/', pair)).status).toBe(200);
      }
    } finally {
      child.kill('SIGKILL');
    }
  });
});
