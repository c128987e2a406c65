import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { STATE } from './helpers';

test.use({ storageState: STATE.admin });
const origin = E2E.consoleUrl;

test('no state changes through GET: mutation routes answer 405', async ({ request }) => {
  for (const path of ['/api/users/0123456789abcdef/disable', '/api/users/0123456789abcdef/keys', '/api/users/0123456789abcdef/keys/X/reveal', '/api/users/0123456789abcdef/accounts']) {
    expect((await request.get(path)).status(), path).toBe(405);
  }
});

test('mutations refuse cross-site requests', async ({ request }) => {
  const forged = await request.post('/api/users', { data: { email: 'csrf@example.com' }, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe('cross_site');
  const sameSite = await request.post('/api/users', { data: { email: 'csrf@example.com' }, headers: { origin, 'sec-fetch-site': 'same-site' } });
  expect(sameSite.status()).toBe(403);
});

test('authenticated answers carry Cache-Control: no-store', async ({ request }) => {
  for (const path of ['/api/users', '/api/audit', '/api/staff']) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toContain('no-store');
  }
  const page = await request.get('/users');
  expect(page.headers()['cache-control']).toContain('no-store');
});

test('x-middleware-subrequest gets nothing a request without a session could not get', async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: E2E.consoleUrl, storageState: { cookies: [], origins: [] } });
  for (const value of ['middleware', 'proxy:proxy:proxy:proxy:proxy', 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware']) {
    const api = await anonymous.get('/api/users', { headers: { 'x-middleware-subrequest': value } });
    expect(api.status()).toBe(401);
    const page = await anonymous.get('/users', { headers: { 'x-middleware-subrequest': value }, maxRedirects: 0 });
    expect([302, 307, 308]).toContain(page.status());
    expect(await page.text()).not.toContain('Create user');
  }
  await anonymous.dispose();
});

test('the gateway failing shows a clear message and a retry', async ({ page }) => {
  const user = await fetch(`${E2E.simUrl}/__sim/users/raw`, { method: 'POST', body: JSON.stringify({ email: `failing${Date.now()}@example.com` }) }).then((r) => r.json());
  await page.goto('/users');
  await expect(page.getByRole('columnheader', { name: 'Email' })).toBeVisible();
  await fetch(`${E2E.simUrl}/__sim/faults/ostor-users`, { method: 'PUT', body: JSON.stringify({ mode: 'error', status: 500 }) });
  try {
    // The list is cached briefly; asking for a fresh one reports the failure without losing the page.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByTestId('toast-error')).toContainText('The gateway had an internal error.');
    await expect(page.getByRole('columnheader', { name: 'Email' })).toBeVisible();
    await page.goto(`/users/${user.id}`);
    await expect(page.getByTestId('error-state')).toContainText('The gateway had an internal error.');
    await expect(page.getByTestId('error-state')).toContainText('Request id');
  } finally {
    await fetch(`${E2E.simUrl}/__sim/faults/ostor-users`, { method: 'DELETE' });
  }
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('error-state')).toHaveCount(0);
  await expect(page.getByTestId('user-email')).toContainText('failing');
});

test('a gateway that is slow past the timeout is reported as such', async ({ page }) => {
  const user = await fetch(`${E2E.simUrl}/__sim/users/raw`, { method: 'POST', body: JSON.stringify({ email: `slow${Date.now()}@example.com` }) }).then((r) => r.json());
  await fetch(`${E2E.simUrl}/__sim/faults/ostor-users`, { method: 'PUT', body: JSON.stringify({ mode: 'hang' }) });
  try {
    await page.goto(`/users/${user.id}`);
    await expect(page.getByTestId('error-state')).toContainText(/did not answer in time: \d tries? in [78]\.\d s/, { timeout: 25_000 });
  } finally {
    await fetch(`${E2E.simUrl}/__sim/faults/ostor-users`, { method: 'DELETE' });
  }
});

test('a page whose refresh fails keeps what it showed, with a warning and a retry', async ({ page }) => {
  const email = `stale${Date.now()}@example.com`;
  const user = await fetch(`${E2E.simUrl}/__sim/users/raw`, { method: 'POST', body: JSON.stringify({ email }) }).then((r) => r.json());
  await page.goto(`/users/${user.id}`);
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await fetch(`${E2E.simUrl}/__sim/faults/ostor-users`, { method: 'PUT', body: JSON.stringify({ mode: 'error', status: 500 }) });
  try {
    // A change that fails refreshes the page's data, which fails too: the page keeps its data.
    await page.getByRole('button', { name: 'Disable user' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
    await expect(page.getByTestId('stale-notice')).toContainText('could not be refreshed');
    await expect(page.getByTestId('stale-notice')).toContainText('The gateway had an internal error.');
    await expect(page.getByTestId('user-email')).toHaveText(email);
    await expect(page.getByTestId('error-state')).toHaveCount(0);
  } finally {
    await fetch(`${E2E.simUrl}/__sim/faults/ostor-users`, { method: 'DELETE' });
  }
  await page.getByTestId('stale-notice').getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('stale-notice')).toHaveCount(0);
});
