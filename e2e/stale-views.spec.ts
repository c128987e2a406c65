import { expect, test, type Page } from '@playwright/test';
import { call } from '../sim/testing/client';
import { E2E } from './env';
import { gatewayAdmin, STATE, unique } from './helpers';

/**
 * Every view a change affects is refreshed by the change itself: these tests move between pages
 * the way a person does — links, and the browser's Back button, which shows pages from the
 * browser's own memory — and never reload.
 */

test.use({ storageState: STATE.admin });

async function userWithBucket(bucket: string) {
  const email = unique('stale');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  const key = { id: created.AWSAccessKeys[0].AWSAccessKeyId, secret: created.AWSAccessKeys[0].AWSSecretAccessKey };
  expect((await call(E2E.simUrl, 'PUT', `/${bucket}`, key)).status).toBe(200);
  return { email, id: created.UserId as string };
}

/** No full page load happens from here on: a marker set on the window would be lost. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));
  return async () => expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).click();

test('a deleted bucket is gone from the buckets list and from its owner’s page', async ({ page }) => {
  const bucket = `stale-${Date.now().toString(36)}`;
  const owner = await userWithBucket(bucket);
  await page.goto(`/users/${owner.id}`);
  const stillLoaded = await markPage(page);
  const buckets = page.getByRole('region', { name: 'Buckets' });
  await expect(buckets.getByRole('link', { name: bucket })).toBeVisible();
  await buckets.getByRole('link', { name: bucket }).click();
  await expect(page.getByTestId('bucket-name')).toHaveText(bucket);

  await page.getByRole('button', { name: 'Delete bucket' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Bucket name').fill(bucket);
  await dialog.getByRole('button', { name: 'Delete bucket' }).click();
  await expect(page).toHaveURL(/\/buckets$/);
  // The list is shown (with or without other buckets), and it is not there.
  await expect(page.getByTestId('freshness')).toBeVisible();
  await expect(page.getByRole('link', { name: bucket })).toHaveCount(0);

  // Back to the owner's page, from the browser's history.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/users/${owner.id}$`));
  await expect(page.getByTestId('user-email')).toHaveText(owner.email);
  await expect(buckets.getByText('No buckets.')).toBeVisible();
  await stillLoaded();
});

test('a changed plan shows as drift on the page of a user on it', async ({ page }) => {
  const name = `Stale plan ${Date.now().toString(36)}`;
  const email = unique('on-plan');
  await page.goto('/plans');
  const stillLoaded = await markPage(page);
  await page.getByRole('button', { name: 'New plan' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(name);
  await page.getByRole('dialog').getByLabel(/^User quota/).fill('50');
  await page.getByRole('dialog').getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByTestId(`plan-${name}`)).toBeVisible();

  await nav(page, 'Users');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('dialog').getByLabel('Email address').fill(email);
  await page.getByRole('dialog').getByLabel('Plan').selectOption({ label: name });
  await page.getByRole('dialog').getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByTestId('created-plan')).toHaveText(`Plan ${name} applied.`);
  await page.getByRole('dialog').getByRole('link', { name: email }).click();
  const plan = page.getByRole('region', { name: 'Plan' });
  await expect(plan.getByTestId('plan-in-sync')).toBeVisible();

  // The plan changes elsewhere in the console: the user's page, shown again, says the user drifted.
  await nav(page, 'Plans');
  await page.getByTestId(`plan-${name}`).getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('dialog').getByLabel(/^User quota/).fill('80');
  await page.getByRole('dialog').getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByTestId(`plan-${name}`)).toContainText('80 GB');
  await page.goBack();
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await expect(plan.getByTestId('plan-drift')).toContainText('quota');
  await stillLoaded();
});

test('changed default quotas show as a user’s effective quota', async ({ page }) => {
  const owner = await userWithBucket(`stale-q-${Date.now().toString(36)}`);
  await page.goto(`/users/${owner.id}`);
  const stillLoaded = await markPage(page);
  const quota = page.getByRole('region', { name: 'Quota' });
  await expect(quota.getByTestId('quota')).toHaveText('No quota: unlimited');

  await nav(page, 'Settings');
  const form = page.getByRole('main');
  await form.getByLabel('Per user (GB)').fill('321');
  await form.getByRole('button', { name: 'Save defaults' }).click();
  await expect(page.getByTestId('toast-success')).toBeVisible();
  try {
    await page.goBack();
    await expect(page.getByTestId('user-email')).toHaveText(owner.email);
    await expect(quota.getByTestId('quota')).toHaveText('No quota of its own: the default of 321 GB applies');
    await stillLoaded();
  } finally {
    await gatewayAdmin('PUT', 'ostor-quotas&default=user&quota-size=0');
  }
});

test('Refresh on the users list asks the gateway afresh and shows what it says', async ({ page }) => {
  await page.goto('/users');
  const stillLoaded = await markPage(page);
  await expect(page.getByTestId('data-row').first()).toBeVisible();
  // Made behind the console's back: the console's short-lived copy of the list does not have it yet.
  const email = unique('behind');
  await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  await page.getByRole('searchbox', { name: /Search/ }).fill(email);
  await expect(page.getByText('No users match.')).toBeVisible();
  const asked = page.waitForRequest((r) => r.url().includes('/api/users?') && r.url().includes('refresh=1'));
  await page.getByRole('button', { name: 'Refresh' }).click();
  await asked;
  await expect(page.getByRole('link', { name: email })).toBeVisible();
  await stillLoaded();
});

test('a page that lost its connection keeps what it shows, and reads it again once the connection is back', async ({ page, context }) => {
  await userWithBucket(`offline-${Date.now().toString(36)}`);
  await page.goto('/buckets');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('data-row').first()).toBeVisible();
  const stillLoaded = await markPage(page);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByTestId('stale-notice')).toContainText('The console cannot be reached');
  await expect(page.getByTestId('data-row').first()).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByTestId('stale-notice')).toHaveCount(0);
  await expect(page.getByTestId('data-row').first()).toBeVisible();
  await stillLoaded();
});
