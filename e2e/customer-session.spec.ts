import { expect, test, type Page } from '@playwright/test';
import { E2E } from './env';
import { gatewayAdmin, newCustomer, signInCustomer, STATE } from './helpers';

/** A change made by an admin through the console (so the console knows at once). */
async function asAdmin(playwright: import('@playwright/test').PlaywrightWorkerArgs['playwright'], method: 'POST' | 'DELETE', path: string) {
  const admin = await playwright.request.newContext({ baseURL: E2E.consoleUrl, storageState: STATE.admin });
  const response = await admin.fetch(path, { method, headers: { origin: E2E.consoleUrl } });
  expect(response.status(), await response.text()).toBe(200);
  await admin.dispose();
}



test('a suspended customer sees a notice and nothing else, and gets their storage back when enabled', async ({ page, playwright }) => {
  const c = await newCustomer('suspended');
  await signInCustomer(page, c.key);
  await expect(page.getByTestId('user-email')).toHaveText(c.email);
  await asAdmin(playwright, 'POST', `/api/users/${c.id}/disable`);
  await page.reload();
  await expect(page.getByTestId('suspended-notice')).toContainText('Your storage is suspended');
  await expect(page.getByTestId('user-email')).toHaveCount(0);
  for (const path of ['/api/me', '/api/me/usage', '/api/me/usage/export?format=csv']) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
    expect((await response.json()).error.code).toBe('suspended');
  }
  // Nor can anything be changed: keys, accounts, buckets, objects.
  for (const [path, data] of [
    ['/api/me/keys', undefined],
    ['/api/me/accounts', { name: 'app' }],
    ['/api/me/buckets', { name: 'while-suspended' }],
    ['/api/me/buckets/any-bucket/folders', { prefix: '', name: 'x' }],
  ] as const) {
    const response = await page.request.post(path, { data, headers: { origin: E2E.consoleUrl } });
    expect(response.status(), path).toBe(403);
    expect((await response.json()).error.code).toBe('suspended');
  }
  await asAdmin(playwright, 'POST', `/api/users/${c.id}/enable`);
  await page.reload();
  await expect(page.getByTestId('user-email')).toHaveText(c.email);
});

test('a disabled customer’s keys do not sign in, with a sentence saying why', async ({ page }) => {
  const c = await newCustomer('off');
  await gatewayAdmin('POST', `ostor-users&emailAddress=${encodeURIComponent(c.email)}&disable`);
  await signInCustomer(page, c.key);
  await expect(page.getByTestId('sign-in-error')).toContainText('suspended by your provider');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('revoking the key a customer signed in with ends the session; so does deleting the user', async ({ page, playwright, browser }) => {
  const c = await newCustomer('revoked');
  const second = await gatewayAdmin('POST', `ostor-users&emailAddress=${encodeURIComponent(c.email)}&genKey`);
  await signInCustomer(page, c.key);
  await expect(page.getByTestId('user-email')).toHaveText(c.email);
  expect((await (await page.request.get('/api/auth/session')).json()).user).toBeTruthy();
  await asAdmin(playwright, 'DELETE', `/api/users/${c.id}/keys/${c.key.id}`);
  expect(await (await page.request.get('/api/auth/session')).json()).toEqual({});
  expect((await page.request.get('/api/me')).status()).toBe(401);
  await page.goto('/me');
  await expect(page).toHaveURL(/\/sign-in/);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInCustomer(otherPage, { id: second.AWSAccessKeys[0].AWSAccessKeyId, secret: second.AWSAccessKeys[0].AWSSecretAccessKey });
  await expect(otherPage.getByTestId('user-email')).toHaveText(c.email);
  await asAdmin(playwright, 'DELETE', `/api/users/${c.id}`);
  expect((await otherPage.request.get('/api/me')).status()).toBe(401);
  await other.close();
});

test('an account’s key pair does not sign in as the whole user', async ({ page }) => {
  const c = await newCustomer('parent');
  const account = await gatewayAdmin('PUT', `ostor-accounts&emailAddress=${encodeURIComponent(c.email)}&accountName=backup-job`);
  await signInCustomer(page, { id: account.AWSAccessKeys[0].AWSAccessKeyId, secret: account.AWSAccessKeys[0].AWSSecretAccessKey });
  await expect(page.getByTestId('sign-in-error')).toContainText('belongs to the account “backup-job”');
  await expect(page.getByTestId('sign-in-error')).toContainText('user’s own key pair');
  expect((await page.request.get('/api/me')).status()).toBe(401);
});

test('the console’s own system user is marked, shown read-only, and its controls are gone', async ({ browser }) => {
  const context = await browser.newContext({ storageState: STATE.admin });
  const page = await context.newPage();
  await page.goto('/users?q=system%40gateway.local');
  const row = page.getByRole('row', { name: /system@gateway\.local/ });
  await expect(row).toContainText('Console’s own');
  await row.getByRole('link').click();
  await expect(page.getByTestId('system-user')).toContainText('never changes them');
  for (const name of ['Disable user', 'Delete user', 'Generate key pair', 'Reveal', 'Revoke', 'Create account', 'Remove all limits']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await context.close();
});
