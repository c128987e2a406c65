import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { gatewayAdmin, STATE, unique } from './helpers';

test.use({ storageState: STATE.support });

test('support sees the same pages with no secret and no mutation control', async ({ page }) => {
  const email = unique('looked-at');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  await gatewayAdmin('PUT', `ostor-accounts&emailAddress=${encodeURIComponent(email)}&accountName=web`);
  const secret = created.AWSAccessKeys[0].AWSSecretAccessKey;

  await page.goto('/users');
  await expect(page.getByRole('button', { name: 'Create user' })).toBeDisabled();
  await expect(page.getByText('Support accounts are read-only.').first()).toBeVisible();

  const responses: string[] = [];
  // Everything the console sends: the page itself (its first paint carries its data) and API answers.
  page.on('response', async (r) => {
    if (r.url().startsWith(E2E.consoleUrl) && ['document', 'fetch', 'xhr'].includes(r.request().resourceType())) responses.push(await r.text().catch(() => ''));
  });
  await page.goto(`/users/${created.UserId}`);
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await expect(page.getByText(created.AWSAccessKeys[0].AWSAccessKeyId)).toBeVisible();
  await expect(page.getByTestId('account-web')).toBeVisible();
  for (const name of ['Reveal', 'Revoke', 'Delete account', 'Create account', 'Enable user']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  for (const name of ['Disable user', 'Delete user', 'Generate key pair']) {
    for (const button of await page.getByRole('button', { name }).all()) await expect(button).toBeDisabled();
  }
  expect(responses.length).toBeGreaterThan(0);
  expect(responses.join('\n')).not.toContain(secret);
  expect(await page.content()).not.toContain(secret);

  // The API refuses support's mutations, whatever the page shows.
  const refused = await page.request.post(`/api/users/${created.UserId}/keys/${created.AWSAccessKeys[0].AWSAccessKeyId}/reveal`, { headers: { origin: 'http://127.0.0.1:3100' } });
  expect(refused.status()).toBe(403);
  await page.goto('/audit');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/users$/);

  // Usage: every figure, no collecting, no deleting.
  await page.goto('/usage');
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Collect now' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Sample storage now' })).toBeDisabled();
  expect((await page.request.post('/api/usage/jobs/collect', { headers: { origin: 'http://127.0.0.1:3100' } })).status()).toBe(403);
});
