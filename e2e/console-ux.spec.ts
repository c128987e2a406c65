import { expect, test, type Page } from '@playwright/test';
import { call } from '../sim/testing/client';
import { E2E } from './env';
import { gatewayAdmin, simTest, STATE, unique } from './helpers';

/** The console as its users expect it, on a desktop (phone.spec.ts does the same pages at 390 px). */

test.use({ storageState: STATE.admin });

async function userWithBucket(prefix: string) {
  const email = unique(prefix);
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  const key = { id: created.AWSAccessKeys[0].AWSAccessKeyId, secret: created.AWSAccessKeys[0].AWSSecretAccessKey };
  const bucket = `${prefix}-${Date.now().toString(36)}`;
  await call(E2E.simUrl, 'PUT', `/${bucket}`, key);
  await call(E2E.simUrl, 'PUT', `/${bucket}/object`, key, { body: Buffer.alloc(2500) });
  return { email, id: created.UserId as string, key, bucket };
}

const center = async (page: Page, selector: ReturnType<Page['getByRole']>) => {
  const box = (await selector.boundingBox())!;
  const viewport = page.viewportSize()!;
  return { dx: Math.abs(box.x + box.width / 2 - viewport.width / 2), dy: Math.abs(box.y + box.height / 2 - viewport.height / 2) };
};

test('the users list shows plan, stored bytes, buckets and when each user was added; sorts on them; filters are history entries', async ({ page }) => {
  const owner = await userWithBucket('listed');
  await page.goto('/users');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('searchbox').fill(owner.email);
  const row = page.getByTestId('data-row').filter({ hasText: owner.email });
  await expect(row).toContainText('2.50 kB');
  await expect(row).toContainText(new Date().toISOString().slice(0, 10));
  await expect(page.getByRole('columnheader', { name: 'Buckets' })).toBeVisible();

  // Sorting by stored bytes, largest first, is on the server and in the URL.
  await page.getByRole('searchbox').fill('');
  await page.getByRole('button', { name: 'Stored' }).click();
  await expect(page).toHaveURL(/sort=stored/);
  await page.getByRole('button', { name: 'Stored' }).click();
  await expect(page).toHaveURL(/sort=stored.*order=desc|order=desc.*sort=stored/);
  await expect(page.getByRole('columnheader', { name: /Stored/ })).toHaveAttribute('aria-sort', 'descending');

  // Back goes to the previous filter, not out of the console.
  await page.goto('/users');
  await page.getByLabel('State').selectOption('disabled');
  await expect(page).toHaveURL(/state=disabled/);
  await page.goBack();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByLabel('State')).toHaveValue('all');
});

test('a key pair: its one-time notice goes when it is revoked, and revoking the last one warns', async ({ page }) => {
  const email = unique('keys');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  await page.goto(`/users/${created.UserId}`);
  const keys = page.getByRole('region', { name: 'Key pairs' });
  await keys.getByRole('button', { name: 'Generate key pair' }).click();
  await expect(keys.getByTestId('new-key-pair')).toContainText('An admin can reveal it later');
  const fresh = (await keys.getByTestId('new-access-key-id').textContent())!;
  await keys.getByTestId('key-row').filter({ hasText: fresh }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('dialog').getByTestId('last-key-warning')).toHaveCount(0);
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key pair' }).click();
  await expect(keys.getByTestId('key-row')).toHaveCount(1);
  await expect(keys.getByTestId('new-key-pair')).toHaveCount(0);

  // The last one: the customer is cut off until a new pair exists, and the dialog says so, centred.
  await keys.getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('last-key-warning')).toContainText('cannot sign in to the console or use S3');
  const { dx, dy } = await center(page, dialog);
  expect(dx).toBeLessThan(4);
  expect(dy).toBeLessThan(40);
});

test('the keyboard: a skip link, focus back on the panel after saving, the chart one tab stop with arrow keys', async ({ page }) => {
  const owner = await userWithBucket('keyboard');
  await page.goto(`/users/${owner.id}`);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  const quota = page.getByRole('region', { name: 'Quota' });
  await quota.getByRole('button', { name: 'Edit quota' }).click();
  await quota.getByLabel(/Quota in GB/).fill('42');
  await quota.getByLabel(/Quota in GB/).press('Enter');
  await expect(quota.getByTestId('quota')).toHaveText('Quota: 42 GB');
  await expect(quota.getByRole('button', { name: 'Edit quota' })).toBeFocused();

  // The usage chart: one tab stop; arrows move between days; Enter opens the day.
  const bars = page.getByTestId('usage-bar');
  const count = await bars.count();
  expect(count).toBeGreaterThan(27);
  expect(await bars.evaluateAll((all) => all.filter((b) => b.getAttribute('tabindex') === '0').length)).toBe(1);
  await bars.first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(bars.nth(2)).toBeFocused();
  await page.keyboard.press('End');
  await expect(bars.nth(count - 1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toContainText('is made of');
});

test('deleting a user asks for the email typed, as a bucket asks for its name', async ({ page }) => {
  const email = unique('typed');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  await page.goto(`/users/${created.UserId}`);
  await page.getByRole('button', { name: 'Delete user' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Delete user' })).toBeDisabled();
  await dialog.getByLabel('The user’s email').fill(email.toUpperCase());
  await expect(dialog.getByRole('button', { name: 'Delete user' })).toBeDisabled();
  await dialog.getByLabel('The user’s email').fill(email);
  await dialog.getByRole('button', { name: 'Delete user' }).click();
  await expect(page).toHaveURL(/\/users$/);
  expect((await call(E2E.simUrl, 'GET', `/?ostor-users&emailAddress=${encodeURIComponent(email)}`, E2E.systemKey)).status).toBe(404);
});

test('staff: change a role, reset a password shown once, see last sign-ins; an admin is not offered to change itself', async ({ page, browser }) => {
  await page.goto('/staff');
  const me = page.getByTestId('data-row').filter({ hasText: E2E.admin.email });
  await expect(me).toContainText('(you)');
  await expect(me.getByRole('button')).toHaveCount(0);
  await expect(me).toContainText(new Date().toISOString().slice(0, 10));

  const email = `rotated-${Date.now().toString(36)}@e2e.test`;
  await page.getByRole('button', { name: 'Add staff account' }).click();
  const add = page.getByRole('dialog');
  await add.getByLabel('Name').fill('Rotated');
  await add.getByLabel('Email').fill(email);
  await add.getByLabel('Password').fill('an initial password 123');
  await add.getByRole('button', { name: 'Add account' }).click();
  const spare = page.getByTestId('data-row').filter({ hasText: email });
  await expect(spare).toContainText('never');
  await spare.getByRole('combobox').selectOption('admin');
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Role changed to admin' })).toBeVisible();
  await spare.getByRole('combobox').selectOption('support');
  await spare.getByRole('button', { name: 'Reset password' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset password' }).click();
  const password = (await page.getByTestId('new-password').textContent())!;
  expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);

  // The new password signs in; the old one does not.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const tab = await other.newPage();
  await tab.goto('/sign-in');
  await tab.getByLabel('Email').fill(email);
  await tab.getByLabel('Password').fill(password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await expect(tab).toHaveURL(/\/users$/);
  await other.close();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await expect(spare).toContainText(new Date().toISOString().slice(0, 10));
});

test('the audit log names targets, links them, finds them by email, filters by days and exports CSV', async ({ page }) => {
  const email = unique('audited');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  await page.goto(`/users/${created.UserId}`);
  await page.getByRole('button', { name: 'Disable user' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
  await expect(page.getByRole('button', { name: 'Enable user' })).toBeVisible();

  await page.goto(`/audit?target=${encodeURIComponent(email)}`);
  const row = page.getByTestId('audit-row').first();
  await expect(row).toContainText('user.disable');
  await expect(row.getByRole('link', { name: email })).toHaveAttribute('href', `/users/${created.UserId}`);
  await page.goto(`/audit?target=${created.UserId}`);
  await expect(page.getByTestId('audit-row').first()).toContainText(email);

  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From (UTC)').fill('2020-01-01');
  await page.getByLabel('To (UTC)').fill('2020-01-02');
  await expect(page.getByText('No entries match these filters.')).toBeVisible();
  await page.getByLabel('To (UTC)').fill(today);
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  const href = (await page.getByTestId('audit-csv').getAttribute('href'))!;
  expect(href).toContain(`target=${created.UserId}`);
  const csv = await (await page.request.get(href)).text();
  expect(csv.split('\r\n')[0]).toBe('time_utc,actor,role,action,target,target_name,outcome,detail,address,request_id');
  expect(csv).toContain(`user:${created.UserId},${email},ok`);
});

test('usage reads well: units by size, a chart that opens on a measure with data and says why one is empty, and every user’s month for billing', async ({ page }) => {
  const owner = await userWithBucket('billed');
  // Statistics objects are named by their start: one of its own (in October 2026) keeps a repeated run apart.
  await simTest('POST', '/__sim/usage/generate', { objects: 2, items: 3, start: Date.UTC(2026, 9, 3, 0, Math.floor(Math.random() * 1400)), users: [owner.id] });
  await page.goto('/usage?month=2026-10');
  await page.getByRole('button', { name: 'Collect now' }).click();
  await expect(page.getByTestId('job-collect').getByTestId('job-result')).toContainText('added to the figures', { timeout: 30_000 });
  // No storage round covers October 2026: the chart opens on traffic instead of an empty storage chart.
  await expect(page.getByLabel('Measure')).not.toHaveValue('storage');
  await expect(page.getByTestId('total-uploaded')).toHaveText(/^[\d.,]+ (B|kB|MB|GB|TB)$/);
  await page.getByLabel('Measure').selectOption('storage');
  await expect(page.getByTestId('chart-empty')).toContainText(/storage round/);

  const csvHref = (await page.getByTestId('billing-csv').getAttribute('href'))!;
  expect(csvHref).toBe('/api/usage/export?month=2026-10&by=user&format=csv');
  const csv = (await (await page.request.get(csvHref)).text()).trim().split('\r\n');
  expect(csv[0]).toMatch(/^month,user_id,user_email,bucket,epoch,/);
  expect(csv.some((l) => l.startsWith(`2026-10,${owner.id},${owner.email},,`))).toBe(true);
  const byBucket = (await (await page.request.get((await page.getByTestId('billing-csv-buckets').getAttribute('href'))!)).text()).trim().split('\r\n');
  expect(byBucket.filter((l) => l.includes(`,${owner.id},`)).every((l) => l.split(',')[3] !== '')).toBe(true);
});

test('a statistics object shows every column and the users’ emails', async ({ page }) => {
  const owner = await userWithBucket('objects');
  const [name] = (await simTest('POST', '/__sim/usage/generate', { objects: 1, items: 2, start: Date.UTC(2025, 2, 9, 4, 5), users: [owner.id] })).objects;
  await page.goto('/usage/statistics');
  await page.getByTestId('statistics-row').filter({ hasText: name }).getByRole('button', { name: 'Open' }).click();
  const items = page.getByTestId('statistics-items');
  await expect(items.getByRole('link', { name: owner.email }).first()).toBeVisible();
  for (const header of ['User', 'Bucket', 'PUT', 'GET', 'LIST', 'Other', 'Bytes up', 'Bytes down']) await expect(items.getByRole('columnheader', { name: header, exact: true })).toBeInViewport();
});

test('an error is said once: beside its field, or as a toast, never both', async ({ page }) => {
  await page.goto('/users');
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email address').fill('not-an-email');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog.getByTestId('field-error')).toHaveText(/valid email/);
  await expect(page.getByTestId('toast-error')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A refusal with no field to stand beside is a toast: deleting a plan that users are on, say.
  const plan = `Held ${Date.now().toString(36)}`;
  const made = await page.request.post('/api/plans', { headers: { origin: E2E.consoleUrl }, data: { name: plan, userQuotaGb: 0, bucketQuotaGb: 0, limits: { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 } } });
  expect(made.status()).toBe(200);
  await page.goto('/plans');
  const row = page.getByTestId(`plan-${plan}`);
  // Zero reads as it means.
  await expect(row).toContainText('unlimited');
  await expect(row).toContainText('no limits');
  await expect(row).not.toContainText('0 GB');
});

test('the buckets list says when it was read and Refresh reads it again', async ({ page }) => {
  await page.goto('/buckets');
  await expect(page.getByTestId('freshness')).toContainText(/buckets · listed \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  const owner = await userWithBucket('refreshed');
  await page.getByRole('searchbox').fill(owner.bucket);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('link', { name: owner.bucket })).toBeVisible();
});

test('links between pages: a click moves within the console, a modified click is the browser’s, and nothing is prefetched', async ({ page, context }) => {
  // Made through the console, so that its list (kept a while) is read afresh.
  const email = unique('linked');
  const made = await page.request.post('/api/users', { headers: { origin: E2E.consoleUrl }, data: { email } });
  expect(made.status()).toBe(200);
  const owner = { email, id: ((await made.json()) as { user: { id: string } }).user.id };
  const rsc: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).searchParams.has('_rsc')) rsc.push(r.url());
  });
  await page.goto(`/users?q=${encodeURIComponent(owner.email)}`);
  const link = page.getByTestId('data-row').getByRole('link', { name: owner.email });
  await expect(link).toHaveAttribute('href', `/users/${owner.id}`);
  // Loading a list asks the server for nothing more: its links are not prefetched.
  await page.waitForLoadState('networkidle');
  expect(rsc).toEqual([]);

  // Ctrl-click: a new tab with the user's page; this one stays where it is.
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click({ modifiers: ['ControlOrMeta'] })]);
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe(`/users/${owner.id}`);
  await tab.close();
  await expect(page).toHaveURL(/\/users\?q=/);

  // A plain click moves within the console: the page is not loaded again (what it holds in memory stays).
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await link.click();
  await expect(page.getByTestId('user-email')).toHaveText(owner.email);
  expect(new URL(page.url()).pathname).toBe(`/users/${owner.id}`);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // And Back returns to the list as it was.
  await page.goBack();
  await expect(page.getByTestId('data-row').filter({ hasText: owner.email })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});
