import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E } from './env';
import { startConsole, type ConsoleInstance } from './instance';

/**
 * A console behind one proxy (TRUSTED_PROXIES=1): the proxy's X-Forwarded-For names the client.
 * Here the test plays the proxy, so it can send requests "from" any address.
 */
let instance: ConsoleInstance;
test.beforeAll(async () => {
  instance = await startConsole({ port: E2E.consolePort + 1, name: 'proxied', env: { TRUSTED_PROXIES: '1' } });
});
test.afterAll(async () => {
  await instance?.stop();
});

async function attempt(request: APIRequestContext, from: string, password: string) {
  const csrf = await (await request.get(`${instance.url}/api/auth/csrf`, { headers: { 'x-forwarded-for': from } })).json();
  return request.post(`${instance.url}/api/auth/callback/staff`, {
    form: { email: E2E.admin.email, password, csrfToken: csrf.csrfToken, json: 'true' },
    headers: { 'x-forwarded-for': from },
  });
}

test('locking an admin out is not a weapon: the attacker’s address is locked, the admin signs in from another; a spread-out guess is slowed and audited', async ({ playwright }) => {
  test.setTimeout(120_000);
  const request = await playwright.request.newContext();
  for (let i = 1; i <= 10; i++) expect((await attempt(request, '198.51.100.23', `guess ${i}`)).status(), `guess ${i}`).toBe(401);
  expect((await attempt(request, '198.51.100.23', E2E.admin.password)).status()).toBe(429);

  // The admin, from an address with no failures: in, if after a short wait.
  const admin = await playwright.request.newContext();
  const signedIn = await attempt(admin, '203.0.113.5', E2E.admin.password);
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  expect((await admin.get(`${instance.url}/api/users`, { headers: { 'x-forwarded-for': '203.0.113.5' } })).status()).toBe(200);

  // A guess spread over many addresses at once: the attempts queue, each waiting longer than the one before.
  const spread = await Promise.all([1, 2, 3].map((i) => attempt(request, `192.0.2.${i}`, `spread ${i}`)));
  expect(spread.map((r) => r.status())).toEqual([401, 401, 401]);
  const { rows } = await (await admin.get(`${instance.url}/api/audit?action=auth.sign-in&limit=50`, { headers: { 'x-forwarded-for': '203.0.113.5' } })).json();
  const waited = (rows as { address: string; detail: string }[])
    .filter((r) => r.address.startsWith('192.0.2.'))
    .map((r) => Number(/waited (\d+) s/.exec(r.detail)?.[1] ?? 0))
    .sort((a, b) => a - b);
  expect(waited).toHaveLength(3);
  expect(waited[1]).toBeGreaterThan(waited[0]);
  expect(waited[2]).toBeGreaterThan(waited[1] + waited[0]);
  const addresses = new Set((rows as { address: string }[]).map((r) => r.address));
  expect([...addresses].sort()).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3', '198.51.100.23', '203.0.113.5']);
  await request.dispose();
  await admin.dispose();
});
