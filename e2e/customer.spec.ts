import { expect, test } from '@playwright/test';
import { gatewayAdmin, unique } from './helpers';

test('a customer signs in with keys and sees only their own user', async ({ page }) => {
  const email = unique('customer');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  const other = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(unique('neighbour'))}`);
  await page.goto('/sign-in');
  await page.getByRole('tab', { name: 'Customer' }).click();
  await page.getByLabel('Access key ID').fill(created.AWSAccessKeys[0].AWSAccessKeyId);
  await page.getByLabel('Secret access key').fill('wrong'.repeat(8));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toContainText('did not accept');
  await page.getByLabel('Secret access key').fill(created.AWSAccessKeys[0].AWSSecretAccessKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await expect(page.getByTestId('key-row').getByText(created.AWSAccessKeys[0].AWSAccessKeyId)).toBeVisible();
  expect(await page.content()).not.toContain(created.AWSAccessKeys[0].AWSSecretAccessKey);
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'My usage' })).toBeVisible();
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  await expect(page.getByTestId('usage-csv')).toHaveAttribute('href', /^\/api\/me\/usage\/export\?month=\d{4}-\d\d&format=csv$/);

  // Nothing of anyone else: staff pages send the customer home, staff APIs refuse.
  await page.goto('/users');
  await expect(page).toHaveURL(/\/me$/);
  expect((await page.request.get(`/api/users/${other.UserId}`)).status()).toBe(403);
  expect((await page.request.get('/api/users')).status()).toBe(403);

  // Signing out ends the session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get('/api/me')).status()).toBe(401);
});
