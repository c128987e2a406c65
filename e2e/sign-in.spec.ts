import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { signInStaff } from './helpers';

test('a wrong password is refused in words', async ({ page }) => {
  await signInStaff(page, { email: E2E.admin.email, password: 'not the password' });
  await expect(page.getByTestId('sign-in-error')).toHaveText('The email or password is wrong, or the account is disabled.');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('signed-out visitors are sent to sign-in, and come back where they were going', async ({ page }) => {
  await page.goto('/audit?actor=x');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel('Email').fill(E2E.admin.email);
  await page.getByLabel('Password').fill(E2E.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/audit\?actor=x$/);
});

test('the callbackUrl never leads off-site', async ({ browser }) => {
  for (const target of ['https://evil.example/steal', '//evil.example/x', '/\\evil.example']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel('Email').fill(E2E.admin.email);
    await page.getByLabel('Password').fill(E2E.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:3100\/users$/);
    await context.close();
  }
});

test('disabling a staff account ends its sessions at once', async ({ browser }) => {
  const spare = await browser.newContext();
  const sparePage = await spare.newPage();
  await signInStaff(sparePage, E2E.spare);
  await expect(sparePage).toHaveURL(/\/users$/);
  const admin = await browser.newContext({ storageState: 'test-results/admin.json' });
  const adminPage = await admin.newPage();
  await adminPage.goto('/staff');
  const row = adminPage.getByRole('row', { name: /spare@e2e\.test/ });
  await row.getByRole('button', { name: 'Disable' }).click();
  await adminPage.getByRole('dialog').getByRole('button', { name: 'Disable account' }).click();
  await expect(row).toContainText('disabled');
  expect((await sparePage.request.get('/api/users')).status()).toBe(401);
  await sparePage.goto('/users');
  await expect(sparePage).toHaveURL(/\/sign-in/);
  await signInStaff(sparePage, E2E.spare);
  await expect(sparePage.getByTestId('sign-in-error')).toBeVisible();
  await spare.close();
  await admin.close();
});
