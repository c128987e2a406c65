import { expect, test } from '@playwright/test';
import { AUDIT_ACTIONS, AUDIT_GROUPS } from '../lib/audit/actions';
import { E2E } from './env';
import { call } from '../sim/testing/client';
import { simTest, STATE, unique } from './helpers';

/**
 * A full load of any page comes with its data: the HTML the server sends already holds the rows
 * (the page's queries are answered on the server and handed to the browser), never a skeleton
 * waiting for the browser to ask.
 */

test.use({ storageState: STATE.admin });

test('every page’s first paint holds its data, not a skeleton', async ({ page }) => {
  const email = unique('first-paint');
  const made = await page.request.post('/api/users', { headers: { origin: E2E.consoleUrl }, data: { email } });
  expect(made.status()).toBe(200);
  const created = (await made.json()) as { user: { id: string }; keyPair: { accessKeyId: string; secretKey: string } };
  const bucket = `first-paint-${Date.now().toString(36)}`;
  await call(E2E.simUrl, 'PUT', `/${bucket}`, { id: created.keyPair.accessKeyId, secret: created.keyPair.secretKey });
  // A start no other test uses: statistics object names are made of the service and the start.
  await simTest('POST', '/__sim/usage/generate', { objects: 1, items: 2, start: Date.UTC(2025, 5, 17, 6, 30), users: [created.user.id] });
  const plan = `First paint ${Date.now().toString(36)}`;
  const planned = await page.request.post('/api/plans', {
    headers: { origin: E2E.consoleUrl },
    data: { name: plan, userQuotaGb: 1, bucketQuotaGb: 0, limits: { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 } },
  });
  expect(planned.status()).toBe(200);
  // The bucket was made through S3, behind the console's back: the shared bucket list (kept a
  // minute) is read afresh once, as Refresh does, so that this test is about the first paint only.
  expect((await page.request.get('/api/buckets?refresh=1')).status()).toBe(200);

  const pages: [string, RegExp][] = [
    ['/users', /data-testid="data-row"/],
    [`/users?q=${encodeURIComponent(email)}`, new RegExp(`>${email.replace(/[.]/g, '\\.')}<`)],
    [`/users/${created.user.id}`, new RegExp(`data-testid="user-email"[^>]*>${email.replace(/[.]/g, '\\.')}<`)],
    ['/buckets', /data-testid="data-row"/],
    [`/buckets/${bucket}`, new RegExp(`data-testid="bucket-name"[^>]*>${bucket}<`)],
    ['/usage', /data-testid="usage-totals"/],
    ['/usage/statistics', /data-testid="statistics-row"/],
    ['/plans', new RegExp(`data-testid="plan-${plan}"`)],
    ['/audit', /data-testid="audit-row"/],
    ['/staff', /data-testid="data-row"[\s\S]*admin@e2e\.test/],
    ['/tokens', /data-testid="data-row"|No API tokens yet/],
    ['/settings', /name="userGb"[^>]*value="\d+"|value="\d+"[^>]*name="userGb"/],
  ];
  for (const [path, data] of pages) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    expect(html, `${path} holds its data`).toMatch(data);
    expect(html, `${path} paints no skeleton`).not.toContain('aria-busy="true"');
  }

  // And the browser shows it without asking again: the first paint is the page.
  await page.goto('/buckets');
  await expect(page.getByTestId('data-row').first()).toBeVisible();
});

test('the audit filter offers every action the server writes, and the groups', async ({ page }) => {
  await page.goto('/audit');
  const options = await page.getByLabel('Action').locator('option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
  expect(options).toEqual(['', ...Object.keys(AUDIT_GROUPS), ...AUDIT_ACTIONS]);
  expect(options).toEqual(expect.arrayContaining(['plan.create', 'plan.update', 'plan.delete', 'plan.assign', 'plan.apply']));
  await page.getByLabel('Action').selectOption('plan.create');
  await expect(page).toHaveURL(/action=plan\.create/);
  for (const row of await page.getByTestId('audit-row').all()) await expect(row).toContainText('plan.create');
});
