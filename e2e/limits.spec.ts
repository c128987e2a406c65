import { expect, test } from '@playwright/test';
import { call } from '../sim/testing/client';
import { E2E } from './env';
import { gatewayAdmin, STATE, unique } from './helpers';

test.use({ storageState: STATE.admin });

async function userWithBucket(bucket: string, objects = 0) {
  const email = unique('limited');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  const key = { id: created.AWSAccessKeys[0].AWSAccessKeyId, secret: created.AWSAccessKeys[0].AWSSecretAccessKey };
  await call(E2E.simUrl, 'PUT', `/${bucket}`, key);
  for (let i = 0; i < objects; i++) await call(E2E.simUrl, 'PUT', `/${bucket}/o${i}`, key, { body: Buffer.alloc(1500) });
  return { email, id: created.UserId as string };
}

test('an admin sets, validates and removes a user’s limits; the gateway holds what is shown', async ({ page }) => {
  const { email, id } = await userWithBucket(`lim-${Date.now().toString(36)}`);
  await page.goto(`/users/${id}`);
  const limits = page.getByRole('region', { name: 'Limits' });
  await expect(limits.getByTestId('limit-get')).toHaveText('unlimited');
  await limits.getByRole('button', { name: 'Edit limits' }).click();
  await limits.getByLabel(/^GET/).fill('-5');
  await limits.getByRole('button', { name: 'Save limits' }).click();
  await expect(limits.getByText('use 0 for unlimited, not a negative number')).toBeVisible();
  await limits.getByLabel(/^GET/).fill('3600');
  await limits.getByLabel(/^PUT/).fill('12.5');
  await limits.getByLabel(/^Bandwidth out/).fill('100');
  await limits.getByRole('button', { name: 'Save limits' }).click();
  await expect(limits.getByTestId('limit-get')).toHaveText('3,600 ops/s');
  await expect(limits.getByTestId('limit-put')).toHaveText('12.5 ops/s');
  await expect(limits.getByTestId('limit-out')).toHaveText('100 kB/s');
  expect(await gatewayAdmin('GET', `ostor-limits&emailAddress=${encodeURIComponent(email)}`)).toMatchObject({ 'ops:get': '3600.00', 'ops:put': '12.50', 'bandwidth:out': '100' });
  // The confirmation opens with Cancel focused; cancelled, the keyboard is back on the button.
  await limits.getByRole('button', { name: 'Remove all limits' }).click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(limits.getByRole('button', { name: 'Remove all limits' })).toBeFocused();
  await expect(limits.getByTestId('limit-get')).toHaveText('3,600 ops/s');
  await limits.getByRole('button', { name: 'Remove all limits' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove limits' }).click();
  await expect(limits.getByTestId('limit-get')).toHaveText('unlimited');
  expect((await gatewayAdmin('GET', `ostor-limits&emailAddress=${encodeURIComponent(email)}`))['ops:get']).toBe('0.00');
});

test('quotas: a user quota with use shown against it, and default quotas in settings', async ({ page }) => {
  const { email, id } = await userWithBucket(`quo-${Date.now().toString(36)}`, 2);
  await page.goto('/settings');
  await page.getByLabel('Per user (GB)').fill('50');
  await page.getByLabel('Per bucket (GB)').fill('0');
  await page.getByRole('button', { name: 'Save defaults' }).click();
  await expect(page.getByTestId('toast-success')).toContainText('Default quotas saved');
  await page.goto(`/users/${id}`);
  const quota = page.getByRole('region', { name: 'Quota' });
  await expect(quota.getByTestId('quota')).toHaveText('No quota of its own: the default of 50 GB applies');
  await quota.getByRole('button', { name: 'Edit quota' }).click();
  await quota.getByLabel(/Quota in GB/).fill('1.5');
  await quota.getByRole('button', { name: 'Save quota' }).click();
  await expect(quota.getByText('A quota is a whole number of GB.')).toBeVisible();
  await quota.getByLabel(/Quota in GB/).fill('2');
  await quota.getByRole('button', { name: 'Save quota' }).click();
  await expect(quota.getByTestId('quota')).toHaveText('Quota: 2 GB');
  await expect(quota.getByTestId('quota-use')).toHaveText('3.00 kB of 2 GB (0.000%)');
  expect(await gatewayAdmin('GET', `ostor-quotas&emailAddress=${encodeURIComponent(email)}`)).toMatchObject({ size: '2' });
  await page.goto('/settings');
  await page.getByLabel('Per user (GB)').fill('0');
  await page.getByRole('button', { name: 'Save defaults' }).click();
  await expect(page.getByTestId('toast-success')).toBeVisible();
});

test('buckets: listed over the whole gateway, sorted and searched; deleting needs the typed name and an empty bucket', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const full = `full-${stamp}`;
  const empty = `empty-${stamp}`;
  const { email } = await userWithBucket(full, 1);
  const created = await gatewayAdmin('GET', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  await call(E2E.simUrl, 'PUT', `/${empty}`, { id: created.AWSAccessKeys[0].AWSAccessKeyId, secret: created.AWSAccessKeys[0].AWSSecretAccessKey });

  // Buckets made through S3 reach the cached list on its next refresh: ask for one, as Refresh does.
  expect((await page.request.get('/api/buckets?refresh=1')).status()).toBe(200);
  await page.goto(`/buckets?q=${stamp}`);
  await expect(page.getByRole('link', { name: full })).toBeVisible();
  await expect(page.getByRole('link', { name: email }).first()).toBeVisible();
  await page.getByRole('button', { name: /^Size/ }).click();
  await expect(page).toHaveURL(/sort=size/);
  await expect(page.locator('tbody tr').first()).toContainText(empty);
  await page.getByRole('button', { name: /^Size/ }).click();
  await expect(page.locator('tbody tr').first()).toContainText(full);

  await page.getByRole('link', { name: full }).click();
  await expect(page.getByTestId('bucket-name')).toHaveText(full);
  await expect(page.getByTestId('size-current')).toHaveText('1.50 kB');
  await page.getByRole('button', { name: 'Delete bucket' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Delete bucket' })).toBeDisabled();
  await dialog.getByLabel('Bucket name').fill(full);
  await dialog.getByRole('button', { name: 'Delete bucket' }).click();
  await expect(dialog.getByTestId('delete-error')).toHaveText('The bucket is not empty. Delete its objects first.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Opened again, it starts afresh: nothing typed, no error from before.
  await page.getByRole('button', { name: 'Delete bucket' }).click();
  await expect(dialog.getByLabel('Bucket name')).toHaveValue('');
  await expect(dialog.getByTestId('delete-error')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.goto(`/buckets/${empty}`);
  await page.getByRole('button', { name: 'Delete bucket' }).click();
  await page.getByRole('dialog').getByLabel('Bucket name').fill(empty);
  await page.getByRole('dialog').getByRole('button', { name: 'Delete bucket' }).click();
  await expect(page).toHaveURL(/\/buckets$/);
  expect((await call(E2E.simUrl, 'GET', `/?ostor-buckets&bucket=${empty}`, E2E.systemKey)).status).toBe(404);
});

test('support sees limits, quotas and buckets but cannot change them', async ({ browser }) => {
  const { id } = await userWithBucket(`sup-${Date.now().toString(36)}`);
  const context = await browser.newContext({ storageState: STATE.support });
  const page = await context.newPage();
  await page.goto(`/users/${id}`);
  await expect(page.getByRole('button', { name: 'Edit limits' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Edit quota' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Remove all limits' })).toHaveCount(0);
  await page.goto('/settings');
  await expect(page.getByRole('button', { name: 'Save defaults' })).toBeDisabled();
  await context.close();
});
