import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { gatewayAdmin, STATE } from './helpers';

test.use({ storageState: STATE.admin });

/**
 * The API tokens page (create, copy, revoke) and the API over HTTP against the running console:
 * a service created with a token made on the page, the user's page showing its billing binding,
 * and a single sign-on link landing on the customer's own page — once.
 */
test('an admin makes a token, a billing system creates a service with it, and its SSO link signs the customer in once', async ({ page, browser, request }) => {
  const name = `E2E billing ${Date.now().toString(36)}`;
  await page.goto('/tokens');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel(/^sso/).check();
  await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  expect(token).toMatch(/^stc_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('button', { name: 'Copy token' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('never');

  const plans = await request.post(`${E2E.consoleUrl}/api/plans`, { data: { name: `E2E API ${Date.now()}`, userQuotaGb: 5, bucketQuotaGb: 1, limits: { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 } }, headers: { origin: E2E.consoleUrl } });
  const plan = (await plans.json()).plan;
  const auth = { authorization: `Bearer ${token}` };
  const serviceId = `e2e-${Date.now().toString(36)}`;
  const email = `${serviceId}@example.com`;
  const created = await request.post(`${E2E.consoleUrl}/api/v1/services`, { headers: auth, data: { serviceId, email, plan: plan.name } });
  expect(created.status(), await created.text()).toBe(200);
  const service = await created.json();
  expect(service.secretAccessKey).toBeTruthy();
  expect(Number((await gatewayAdmin('GET', `ostor-quotas&emailAddress=${encodeURIComponent(email)}`)).size)).toBe(5);
  // A console session is not a token, and a token is not a console session.
  expect((await request.get(`${E2E.consoleUrl}/api/v1/services/${serviceId}`)).status()).toBe(401);
  const withToken = await fetch(`${E2E.consoleUrl}/api/users`, { headers: auth });
  expect(withToken.status).toBe(401);
  expect(((await withToken.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');

  await page.goto('/tokens');
  await expect(page.getByRole('row', { name: new RegExp(name) })).not.toContainText('never');
  await page.goto(`/users/${service.userId}`);
  await expect(page.getByTestId('billing-binding')).toContainText(serviceId);
  await expect(page.getByTestId('billing-binding')).toContainText(name);

  const sso = await (await request.post(`${E2E.consoleUrl}/api/v1/services/${serviceId}/sso`, { headers: auth })).json();
  const customer = await browser.newContext();
  const tab = await customer.newPage();
  await tab.goto(sso.url);
  await expect(tab).toHaveURL(/\/me$/);
  await expect(tab.getByText(email).first()).toBeVisible();
  const replay = await browser.newContext();
  const again = await replay.newPage();
  await again.goto(sso.url);
  await expect(again).toHaveURL(/\/sign-in\?sso=used/);
  await expect(again.getByTestId('sign-in-error')).toContainText('used already');
  await customer.close();
  await replay.close();

  await page.goto('/tokens');
  await page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('revoked');
  const refused = await request.get(`${E2E.consoleUrl}/api/v1/plans`, { headers: auth });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('token_revoked');
});

test('the API reference renders from the generated document', async ({ page }) => {
  await page.goto('/api-docs');
  await expect(page.getByTestId('api-reference')).toContainText('/api/v1/services', { timeout: 15_000 });
});
