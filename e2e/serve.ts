/**
 * The end-to-end stack: the gateway simulator (test API on) and the built console with a fresh
 * embedded database holding the test staff accounts. The console's output goes to a log file that
 * the secret-leak test reads.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { upsertStaff } from '../lib/auth/staff';
import { openDatabase } from '../lib/db/client';
import { startSimulator } from '../sim/server';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';
import { consoleEnv, E2E } from './env';

async function main() {
  fs.rmSync(E2E.dataDir, { recursive: true, force: true });
  fs.mkdirSync(E2E.dataDir, { recursive: true });
  const sim = await startSimulator({ port: E2E.simPort, testApi: true, systemKey: E2E.systemKey });
  const env = consoleEnv();
  const database = await openDatabase({ dataDir: env.CONSOLE_DATA_DIR });
  await upsertStaff(database.db, { ...E2E.admin, name: 'Ada Admin', role: 'admin' });
  await upsertStaff(database.db, { ...E2E.support, name: 'Sam Support', role: 'support' });
  await upsertStaff(database.db, { ...E2E.spare, name: 'Spare Admin', role: 'admin' });
  await upsertStaff(database.db, { ...E2E.locked, name: 'Lou Locked', role: 'support' });
  await database.close();
  const log = fs.createWriteStream(E2E.serverLog);
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/index.mjs', '-H', '127.0.0.1', '-p', String(E2E.consolePort)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  server.stdout.pipe(process.stdout);
  const stop = async () => {
    server.kill('SIGTERM');
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
