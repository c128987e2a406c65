import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { STATE } from './helpers';

test.use({ storageState: STATE.admin });

const NO_LIMITS = { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 };

/**
 * The WHMCS module's own tests (PHPUnit, integrations/whmcs/tests) against this running console
 * and simulator, with a token made here; then the single sign-on address the module got is
 * followed in the browser, as a customer clicking "Open storage console" would.
 */
test('the WHMCS module drives a service through its life, and its sign-on link lands on the customer’s page', async ({ page, browser }) => {
  test.setTimeout(180_000);
  for (const plan of [
    { name: 'WHMCS Basic', userQuotaGb: 5, bucketQuotaGb: 1, limits: { ...NO_LIMITS, get: 100 } },
    { name: 'WHMCS Pro', userQuotaGb: 50, bucketQuotaGb: 10, limits: NO_LIMITS },
  ]) {
    const made = await page.request.post('/api/plans', { headers: { origin: E2E.consoleUrl }, data: plan });
    expect([200, 409, 422], await made.text()).toContain(made.status());
  }
  const token = await page.request.post('/api/tokens', { headers: { origin: E2E.consoleUrl }, data: { name: `WHMCS tests ${Date.now()}`, scopes: ['provisioning', 'usage:read', 'sso'] } });
  expect(token.status()).toBe(200);
  const ssoFile = path.resolve('test-results/whmcs-sso.json');
  fs.rmSync(ssoFile, { force: true });

  const run = spawnSync('phpunit', ['-c', 'integrations/whmcs/phpunit.xml'], {
    encoding: 'utf8',
    timeout: 150_000,
    env: {
      ...process.env,
      STAAS_CONSOLE_URL: E2E.consoleUrl,
      STAAS_TOKEN: (await token.json()).token,
      STAAS_GATEWAY_URL: E2E.simUrl,
      STAAS_SYSTEM_KEY_ID: E2E.systemKey.id,
      STAAS_SYSTEM_SECRET: E2E.systemKey.secret,
      STAAS_SSO_FILE: ssoFile,
    },
  });
  console.log(run.stdout.trim().split('\n').slice(-6).join('\n'));
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toMatch(/OK \(\d+ tests, \d+ assertions\)/);

  const sso = JSON.parse(fs.readFileSync(ssoFile, 'utf8')) as Record<'live' | 'terminated', { url: string; email: string }>;
  const customer = await browser.newContext();
  const tab = await customer.newPage();
  await tab.goto(sso.live.url);
  await expect(tab).toHaveURL(/\/me$/);
  await expect(tab.getByText(sso.live.email).first()).toBeVisible();
  await customer.close();
  // The address made before the service was terminated signs nobody in.
  const late = await browser.newContext();
  const refused = await late.newPage();
  await refused.goto(sso.terminated.url);
  await expect(refused).toHaveURL(/\/sign-in\?sso=gone$/);
  await expect(refused.getByTestId('sign-in-error')).toContainText('no longer exists');
  await late.close();
});
