import { expect, test, type Page } from '@playwright/test';
import { call } from '../sim/testing/client';
import { E2E } from './env';
import { gatewayAdmin, STATE, unique } from './helpers';

/**
 * Every page, for every role, on a phone (390 × 844) and on a desktop: nothing makes the page
 * scroll sideways (wide tables scroll inside their own card), the navigation folds into a menu on
 * the phone, and dialogs fit the screen.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function noSidewaysScroll(page: Page, what: string) {
  // Wait for the page's own content, then measure the document, not a table's scroller.
  await expect(page.locator('main')).toBeVisible();
  await page.waitForLoadState('networkidle');
  // A page that failed to render fits any width: it must not pass for one that fits.
  await expect(page.getByText('This page failed to load'), `${what} renders`).toHaveCount(0);
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `${what} scrolls sideways (${scroll} px of content in ${width} px)`).toBeLessThanOrEqual(width);
}

let tenant: { email: string; id: string; bucket: string; key: { id: string; secret: string } };

test.beforeAll(async () => {
  const email = unique('phone');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  const key = { id: created.AWSAccessKeys[0].AWSAccessKeyId, secret: created.AWSAccessKeys[0].AWSSecretAccessKey };
  const bucket = `phone-${Date.now().toString(36)}-with-a-rather-long-bucket-name`;
  await call(E2E.simUrl, 'PUT', `/${bucket}`, key);
  await call(E2E.simUrl, 'PUT', `/${bucket}/a-folder-with-a-long-name/an-object-whose-name-is-long-enough-to-wrap-on-a-phone-screen.txt`, key, { body: 'x' });
  await gatewayAdmin('PUT', `ostor-accounts&emailAddress=${encodeURIComponent(email)}&accountName=application-with-long-name`);
  tenant = { email, id: created.UserId, bucket, key };
});

const STAFF_PAGES = () => ['/users', `/users/${tenant.id}`, '/buckets', `/buckets/${tenant.bucket}`, `/buckets/${tenant.bucket}/objects?prefix=a-folder-with-a-long-name%2F`, '/usage', '/usage/statistics', '/plans', '/audit', '/settings'];

for (const [size, viewport] of [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const) {
  test.describe(`${size} (${viewport.width} px)`, () => {
    test.use({ viewport });

    test.describe('admin', () => {
      test.use({ storageState: STATE.admin });
      test('every page fits the width', async ({ page }) => {
        for (const path of [...STAFF_PAGES(), '/staff', '/tokens', '/api-docs']) {
          await page.goto(path);
          await noSidewaysScroll(page, path);
        }
      });
    });

    test.describe('support', () => {
      test.use({ storageState: STATE.support });
      test('every page fits the width, with one read-only notice', async ({ page }) => {
        for (const path of STAFF_PAGES()) {
          await page.goto(path);
          await noSidewaysScroll(page, path);
          await expect(page.getByText('Support accounts are read-only.')).toHaveCount(1);
        }
      });
    });

    test('the customer’s own storage fits the width', async ({ page }) => {
      await page.goto('/sign-in');
      await noSidewaysScroll(page, '/sign-in');
      await page.getByRole('tab', { name: 'Customer' }).click();
      await page.getByLabel('Access key ID').fill(tenant.key.id);
      await page.getByLabel('Secret access key').fill(tenant.key.secret);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/\/me$/);
      await expect(page.getByTestId('user-email')).toHaveText(tenant.email);
      await noSidewaysScroll(page, '/me');
      await page.goto(`/me/buckets/${tenant.bucket}`);
      await expect(page.getByTestId('folder-row')).toHaveCount(1);
      await noSidewaysScroll(page, '/me/buckets/…');
      await page.getByTestId('folder-link').click();
      await page.getByTestId('object-link').click();
      await expect(page.getByTestId('object-details')).toBeVisible();
      await noSidewaysScroll(page, 'object details');
    });
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE, storageState: STATE.admin });

  test('the navigation folds into a menu that names the page and closes when a page is chosen', async ({ page }) => {
    await page.goto('/users');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeHidden();
    await expect(page.getByTestId('current-page')).toHaveText('Users');
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(nav).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Users' })).toHaveAttribute('aria-current', 'page');
    await nav.getByRole('link', { name: 'Buckets' }).click();
    await expect(page).toHaveURL(/\/buckets$/);
    await expect(nav).toBeHidden();
    await expect(page.getByTestId('current-page')).toHaveText('Buckets');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
  });

  test('an admin’s main flows work: create a user, edit a quota, revoke a key — dialogs fit the screen', async ({ page }) => {
    const email = unique('phone-made');
    await page.goto('/users');
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog');
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await dialog.getByLabel('Email address').fill(email);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(dialog.getByTestId('new-secret-key')).toBeVisible();
    await noSidewaysScroll(page, 'the new key pair');
    await dialog.getByRole('link', { name: email }).click();
    await expect(page.getByTestId('user-email')).toHaveText(email);
    await noSidewaysScroll(page, 'the new user’s page');

    const quota = page.getByRole('region', { name: 'Quota' });
    await quota.getByRole('button', { name: 'Edit quota' }).click();
    await quota.getByLabel(/Quota in GB/).fill('5');
    await quota.getByRole('button', { name: 'Save quota' }).click();
    await expect(quota.getByTestId('quota')).toHaveText('Quota: 5 GB');

    const keys = page.getByRole('region', { name: 'Key pairs' });
    await keys.getByRole('button', { name: 'Revoke' }).click();
    const confirm = page.getByRole('dialog');
    const c = (await confirm.boundingBox())!;
    expect(c.x).toBeGreaterThanOrEqual(0);
    expect(c.x + c.width).toBeLessThanOrEqual(PHONE.width);
    await confirm.getByRole('button', { name: 'Revoke key pair' }).click();
    await expect(keys.getByTestId('key-row')).toHaveCount(0);
  });
});
