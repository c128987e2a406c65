import { expect, test } from '@playwright/test';
import { gatewayAdmin, STATE, unique } from './helpers';

test.use({ storageState: STATE.admin, permissions: ['clipboard-read', 'clipboard-write'] });

test('an admin runs a user’s whole life: create, keys, state, accounts, delete', async ({ page }) => {
  const email = unique('life');
  await page.goto('/users');
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email address').fill('not-an-email');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog.getByTestId('field-error')).toHaveText(/valid email/);
  await dialog.getByLabel('Email address').fill(email);
  await dialog.getByRole('button', { name: 'Create user' }).click();

  // The key pair is shown once, with a warning and copy buttons that work.
  await expect(dialog.getByText('the secret is not shown again here')).toBeVisible();
  const accessKeyId = (await dialog.getByTestId('new-access-key-id').textContent())!;
  const secret = (await dialog.getByTestId('new-secret-key').textContent())!;
  expect(secret).toMatch(/^[A-Za-z0-9]{40}$/);
  await dialog.getByRole('button', { name: 'Copy secret access key' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  const info = await gatewayAdmin('GET', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  expect(info.AWSAccessKeys[0]).toEqual({ AWSAccessKeyId: accessKeyId, AWSSecretAccessKey: secret });
  await dialog.getByRole('link', { name: email }).click();

  // The user page: secrets masked, a second key, the limit explained on a third.
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByTestId('key-row')).toHaveCount(1);
  const keys = page.getByRole('region', { name: 'Key pairs' });
  await keys.getByRole('button', { name: 'Generate key pair' }).click();
  await expect(keys.getByTestId('new-key-pair')).toBeVisible();
  await expect(page.getByTestId('key-row')).toHaveCount(2);
  await expect(page.getByTestId('key-limit')).toContainText('at most 2 active key pairs');
  await expect(keys.getByRole('button', { name: 'Generate key pair' })).toBeDisabled();

  // Reveal is deliberate and works for an admin.
  await page.getByTestId('key-row').first().getByRole('button', { name: 'Reveal' }).click();
  await expect(page.getByTestId('revealed-secret')).toHaveText(secret);

  // Revoke the first key, after confirming.
  await page.getByTestId('key-row').first().getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key pair' }).click();
  await expect(page.getByTestId('key-row')).toHaveCount(1);
  await expect(page.getByText(accessKeyId)).toHaveCount(0);
  await expect(page.getByTestId('key-limit')).toHaveCount(0);

  // Disable, then enable.
  await page.getByRole('button', { name: 'Disable user' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
  await expect(page.getByRole('button', { name: 'Enable user' })).toBeVisible();
  expect((await gatewayAdmin('GET', `ostor-users&emailAddress=${encodeURIComponent(email)}`)).State).toBe('disabled');
  await page.getByRole('button', { name: 'Enable user' }).click();
  await expect(page.getByRole('button', { name: 'Disable user' })).toBeVisible();
  expect((await gatewayAdmin('GET', `ostor-users&emailAddress=${encodeURIComponent(email)}`)).State).toBe('enabled');

  // An account: created with its own key pair, then deleted.
  await page.getByLabel('New account name').fill('backup');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('account-backup')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Accounts' }).getByTestId('new-key-pair')).toBeVisible();
  await page.getByTestId('account-backup').getByRole('button', { name: 'Delete account' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete account' }).click();
  await expect(page.getByTestId('account-backup')).toHaveCount(0);

  // Delete the user.
  await page.getByRole('button', { name: 'Delete user' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm.getByRole('button', { name: 'Delete user' })).toBeDisabled();
  await confirm.getByLabel('The user’s email').fill(email);
  await confirm.getByRole('button', { name: 'Delete user' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await page.getByLabel('Search by email or user ID').fill(email);
  await expect(page.getByTestId('empty-state')).toContainText('No users match');
});

test('deleting a user who owns buckets is explained and refused', async ({ page }) => {
  const email = unique('owner');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  const { call } = await import('../sim/testing/client');
  const key = { id: created.AWSAccessKeys[0].AWSAccessKeyId, secret: created.AWSAccessKeys[0].AWSSecretAccessKey };
  await call('http://127.0.0.1:9100', 'PUT', '/owned-bucket-e2e', key);
  await page.goto(`/users/${created.UserId}`);
  await expect(page.getByTestId('delete-blocked')).toContainText('delete its 1 bucket(s) first');
  await expect(page.getByRole('button', { name: 'Delete user' })).toBeDisabled();
  await expect(page.getByText('owned-bucket-e2e')).toBeVisible();
});

test('the users list searches, filters and pages on the server, with the URL as state', async ({ page }) => {
  const prefix = `pager${Date.now().toString(36)}`;
  for (let i = 0; i < 55; i++) await gatewayAdmin('PUT', `ostor-users&emailAddress=${prefix}-${String(i).padStart(2, '0')}%40example.com`);
  await gatewayAdmin('POST', `ostor-users&emailAddress=${prefix}-03%40example.com&disable`);
  await page.goto(`/users?q=${prefix}&refresh=1`);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('freshness')).toContainText('55 users');
  await expect(page.getByRole('link', { name: /@example\.com$/ })).toHaveCount(50);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByRole('link', { name: /@example\.com$/ })).toHaveCount(5);
  await page.getByLabel('State').selectOption('disabled');
  await expect(page).toHaveURL(/state=disabled/);
  await expect(page.getByRole('link', { name: /@example\.com$/ })).toHaveText([`${prefix}-03@example.com`]);
});

test('gateway data is shown as text, never run as HTML', async ({ page }) => {
  const { simTest } = await import('./helpers');
  const email = `<img src=x onerror="window.__pwned=1">${Date.now()}@example.com`;
  const created = await simTest('POST', '/__sim/users/raw', { email });
  await page.goto(`/users/${created.id}`);
  await expect(page.getByTestId('user-email')).toHaveText(email);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});
