import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E } from './env';

const CANARIES = [E2E.systemKey.secret, E2E.nextauthSecret];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test('the system secret and the session secret are in no client bundle and no server log', async () => {
  const bundles = files('.next/static');
  expect(bundles.length).toBeGreaterThan(10);
  for (const file of bundles) {
    const text = fs.readFileSync(file, 'latin1');
    for (const canary of CANARIES) expect(text.includes(canary), `${canary.slice(0, 12)}… in ${file}`).toBe(false);
  }
  const log = fs.readFileSync(E2E.serverLog, 'utf8');
  expect(log.length).toBeGreaterThan(0);
  for (const canary of CANARIES) expect(log.includes(canary)).toBe(false);
});

/** Every secret key on the gateway: the system user's and every customer's (created, revealed, signed in with). */
async function allSecrets(): Promise<string[]> {
  const { call } = await import('../sim/testing/client');
  const users = JSON.parse((await call(E2E.simUrl, 'GET', '/?ostor-users', E2E.systemKey)).text) as { UserEmail: string }[];
  const secrets = [E2E.systemKey.secret];
  for (const u of users) {
    const info = JSON.parse((await call(E2E.simUrl, 'GET', `/?ostor-users&emailAddress=${encodeURIComponent(u.UserEmail)}`, E2E.systemKey)).text);
    for (const k of [...info.AWSAccessKeys, ...info.Accounts.flatMap((a: { AWSAccessKeys: unknown[] }) => a.AWSAccessKeys)]) secrets.push(k.AWSSecretAccessKey);
  }
  return secrets;
}

test('no customer’s secret key is in the server log', async () => {
  const secrets = await allSecrets();
  expect(secrets.length).toBeGreaterThan(20);
  const log = fs.readFileSync(E2E.serverLog, 'utf8');
  for (const secret of secrets) expect(log.includes(secret)).toBe(false);
});

test('no secret key, the system’s or a customer’s, is stored in the console database', async () => {
  const secrets = await allSecrets();
  // The database's own files, read as bytes: a stored secret would be there as plain text.
  const dump = Buffer.concat(files(`${E2E.dataDir}/console`).map((f) => fs.readFileSync(f))).toString('latin1');
  expect(dump).toContain('key.reveal');
  for (const secret of secrets) expect(dump.includes(secret)).toBe(false);
});
