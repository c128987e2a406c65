import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { upsertStaff } from '../lib/auth/staff';
import { openDatabase } from '../lib/db/client';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';
import { consoleEnv, E2E } from './env';

export interface ConsoleInstance {
  url: string;
  pid: number;
  /** Everything the instance printed. */
  log(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Another console on the same build and the same simulator, for what the main one cannot show:
 * another configuration (proxies in front), or several instances on one database. With the
 * embedded database it gets a folder of its own, holding the test staff accounts.
 */
export async function startConsole(options: { port: number; env?: Record<string, string>; name: string }): Promise<ConsoleInstance> {
  const env: Record<string, string> = { ...consoleEnv(), NEXTAUTH_URL: `http://127.0.0.1:${options.port}`, ...options.env };
  if (!env.DATABASE_URL) {
    env.CONSOLE_DATA_DIR = `${E2E.dataDir}/${options.name}`;
    fs.rmSync(env.CONSOLE_DATA_DIR, { recursive: true, force: true });
  }
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.CONSOLE_DATA_DIR });
  await upsertStaff(database.db, { ...E2E.admin, name: 'Ada Admin', role: 'admin' }, { reset: true }).catch(() => upsertStaff(database.db, { ...E2E.admin, name: 'Ada Admin', role: 'admin' }));
  await database.close();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/index.mjs', '-H', '127.0.0.1', '-p', String(options.port)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the console ${options.name} exited: ${output}`);
    const ok = await fetch(`${url}/sign-in`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300) throw new Error(`the console ${options.name} did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    log: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
