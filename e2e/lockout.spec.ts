import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { signInStaff, STATE } from './helpers';

test('the 11th failed sign-in from one place is locked out, whatever X-Forwarded-For says, and then even the right password is refused', async ({ page, request, playwright }) => {
  test.setTimeout(90_000);
  // No proxy is trusted here: each attempt claims another address, and all count as the connection's own.
  for (let i = 1; i <= 10; i++) {
    const csrf = await (await request.get('/api/auth/csrf')).json();
    const response = await request.post('/api/auth/callback/staff', {
      form: { email: E2E.locked.email, password: `wrong ${i}`, csrfToken: csrf.csrfToken, json: 'true' },
      headers: { 'x-forwarded-for': `198.51.100.${i}` },
    });
    expect(response.status(), `attempt ${i}`).toBe(401);
  }
  const csrf = await (await request.get('/api/auth/csrf')).json();
  const eleventh = await request.post('/api/auth/callback/staff', {
    form: { email: E2E.locked.email, password: E2E.locked.password, csrfToken: csrf.csrfToken, json: 'true' },
    headers: { 'x-forwarded-for': '203.0.113.99' },
  });
  expect(eleventh.status()).toBe(429);
  expect(Number(eleventh.headers()['retry-after'])).toBeGreaterThan(800);

  await signInStaff(page, E2E.locked);
  await expect(page.getByTestId('sign-in-error')).toContainText('locked for up to 15 minutes');
  await expect(page).toHaveURL(/\/sign-in/);

  // The audit log has every attempt with the connection's address, never a claimed one.
  const admin = await playwright.request.newContext({ baseURL: E2E.consoleUrl, storageState: STATE.admin });
  const { rows } = await (await admin.get(`/api/audit?action=auth.*&actor=${encodeURIComponent(E2E.locked.email)}&limit=50`)).json();
  expect(rows.filter((r: { action: string; outcome: string }) => r.action === 'auth.sign-in' && r.outcome === 'failed')).toHaveLength(10);
  expect(rows.filter((r: { action: string }) => r.action === 'auth.locked-out').length).toBeGreaterThanOrEqual(2);
  expect(new Set(rows.map((r: { address: string }) => r.address))).toEqual(new Set(['127.0.0.1']));
  await admin.dispose();

  // The audit page filters on sign-in events.
  const adminPage = await (await page.context().browser()!.newContext({ storageState: STATE.admin })).newPage();
  await adminPage.goto('/audit');
  await adminPage.getByLabel('Action').selectOption({ label: 'Sign-in events (all)' });
  await expect(adminPage).toHaveURL(/action=auth\.\*/);
  await expect(adminPage.getByTestId('audit-row').first()).toContainText(/auth\.(sign-in|locked-out|sign-out)/);
  for (const row of await adminPage.getByTestId('audit-row').all()) await expect(row).toContainText(/auth\./);
  await adminPage.context().close();
});
