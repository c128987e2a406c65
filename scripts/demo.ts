/**
 * The demo: the gateway simulator with demo tenants, the console on http://localhost:3000 with
 * the embedded database, and sign-ins printed for an admin, a support agent and a customer.
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { createToken } from '../lib/api-tokens/tokens';
import { apiTokens } from '../lib/db/schema';
import { upsertStaff } from '../lib/auth/staff';
import { openDatabase } from '../lib/db/client';
import { SERVER_NODE_FLAGS } from '../server/node-flags.mjs';
import { applySeed } from '../sim/seed';
import { startSimulator } from '../sim/server';
import { call } from '../sim/testing/client';

const root = path.resolve(import.meta.dirname, '..');
const data = path.join(root, '.data');
const port = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 9000);

function secretFile(name: string): string {
  const file = path.join(data, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function main() {
  fs.mkdirSync(data, { recursive: true });
  const sim = await startSimulator({ port: simPort, dataDir: path.join(data, 'sim'), usagePeriod: 300 });
  console.log(`demo: gateway simulator on ${sim.url} (${applySeed(sim.store, 'demo', Date.now())})`);

  const env = {
    ...process.env,
    GATEWAY_URL: sim.url,
    GATEWAY_ACCESS_KEY_ID: sim.systemKey.id,
    GATEWAY_SECRET_ACCESS_KEY: sim.systemKey.secret,
    CONSOLE_DATA_DIR: path.join(data, 'console'),
    NEXTAUTH_SECRET: secretFile('nextauth-secret'),
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: '1',
    // Lively figures in a demo: collect every minute, sample storage every five.
    USAGE_COLLECT_INTERVAL: process.env.USAGE_COLLECT_INTERVAL ?? '60',
    STORAGE_SAMPLE_INTERVAL: process.env.STORAGE_SAMPLE_INTERVAL ?? '300',
  };

  if (process.env.DEMO_SKIP_BUILD !== '1') {
    console.log('demo: building the console (a minute or two)…');
    const build = spawnSync('npx', ['next', 'build'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (build.status !== 0) throw new Error('the console did not build');
  }

  // Demo passwords are new on every start and printed here: there is no default password.
  const logins: [string, string, string][] = [];
  const database = await openDatabase({ dataDir: env.CONSOLE_DATA_DIR });
  for (const [email, name, role] of [['admin@demo.local', 'Demo Admin', 'admin'], ['support@demo.local', 'Demo Support', 'support']] as const) {
    const password = crypto.randomBytes(12).toString('base64url');
    await upsertStaff(database.db, { email, name, role, password }, { reset: true });
    logins.push([role, email, password]);
  }
  // One demo token at a time: the one printed by an earlier start stops working.
  await database.db.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.createdBy, 'demo'), isNull(apiTokens.revokedAt)));
  const { token } = await createToken(database.db, { name: `Demo billing system ${new Date().toISOString().slice(0, 16)}`, scopes: ['provisioning', 'usage:read', 'sso'], expiresAt: null, allowedCidrs: [], createdBy: 'demo' });
  await database.close();
  const alice = JSON.parse((await call(sim.url, 'GET', '/?ostor-users&emailAddress=alice%40example.com', sim.systemKey)).text);

  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/index.mjs', '-p', String(port)], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const stop = async () => {
    server.kill('SIGTERM');
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', async (code) => {
    await sim.close();
    process.exit(code ?? 1);
  });

  console.log(`
  staas-console demo: http://localhost:${port}

    admin     ${logins[0][1]}   password ${logins[0][2]}
    support   ${logins[1][1]}   password ${logins[1][2]}
    customer  (Customer tab) access key ${alice.AWSAccessKeys[0].AWSAccessKeyId}
              secret key ${alice.AWSAccessKeys[0].AWSSecretAccessKey}
    API token (billing systems, all scopes): ${token}
              e.g. curl -H "Authorization: Bearer ${token}" http://localhost:${port}/api/v1/plans

  Gateway simulator: ${sim.url} · state in .data/ (delete it to start over) · Ctrl-C stops
`);
}

main().catch((error) => {
  console.error('demo:', error instanceof Error ? error.message : error);
  process.exit(1);
});
