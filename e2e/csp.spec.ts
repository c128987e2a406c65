import { expect, test, type Page } from '@playwright/test';
import { E2E } from './env';
import { gatewayAdmin, STATE, unique } from './helpers';

/** Every CSP violation a page reports, by event and on the console. */
async function watch(page: Page) {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp = [...((window as unknown as { __csp?: string[] }).__csp ?? []), `${e.violatedDirective} ${e.blockedURI}`];
    });
  });
  return async () => [...violations, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

async function walk(page: Page, paths: string[]) {
  const violations = await watch(page);
  for (const path of paths) {
    const response = await page.goto(path);
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) expect(csp, path).toContain(directive);
    await page.waitForLoadState('networkidle');
    expect(await violations(), path).toEqual([]);
  }
}

let fixture: { userId: string; bucket: string; customer: { id: string; secret: string } };
test.beforeAll(async () => {
  const email = unique('csp');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  fixture = { userId: created.UserId, bucket: 'no-such-bucket-csp', customer: { id: created.AWSAccessKeys[0].AWSAccessKeyId, secret: created.AWSAccessKeys[0].AWSSecretAccessKey } };
});

const STAFF_PAGES = () => ['/users', `/users/${fixture.userId}`, '/buckets', `/buckets/${fixture.bucket}`, '/usage', '/usage/statistics', '/plans', '/audit', '/staff', '/tokens', '/api-docs', '/settings', '/no-such-page'];

test('no page breaks its Content-Security-Policy: admin', async ({ browser }) => {
  const context = await browser.newContext({ storageState: STATE.admin });
  await walk(await context.newPage(), STAFF_PAGES());
  await context.close();
});

test('no page breaks its Content-Security-Policy: support', async ({ browser }) => {
  const context = await browser.newContext({ storageState: STATE.support });
  await walk(await context.newPage(), STAFF_PAGES());
  await context.close();
});

test('no page breaks its Content-Security-Policy: signed out and customer', async ({ page }) => {
  await walk(page, ['/sign-in']);
  await page.getByRole('tab', { name: 'Customer' }).click();
  await page.getByLabel('Access key ID').fill(fixture.customer.id);
  await page.getByLabel('Secret access key').fill(fixture.customer.secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await walk(page, ['/me', '/users']);
});

test('the policy holds: an injected inline script does not run and is reported; API answers forbid everything', async ({ page, request }) => {
  const violations = await watch(page);
  // Markup that slipped into a page (as a stored XSS would): served with the page's own policy.
  await page.route('**/sign-in', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('</body>', '<script>window.__injected = true</script></body>');
    await route.fulfill({ response, body: html });
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
  const api = await request.get('/api/auth/csrf');
  expect(api.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(api.headers()['strict-transport-security']).toBeUndefined();
  expect(E2E.consoleUrl.startsWith('http:')).toBe(true);
});
