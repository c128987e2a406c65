import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { signInStaff } from './helpers';

test('the 11th failed sign-in within 15 minutes is locked out, and then even the right password is refused', async ({ page, request }) => {
  for (let i = 1; i <= 10; i++) {
    const csrf = await (await request.get('/api/auth/csrf')).json();
    const response = await request.post('/api/auth/callback/staff', {
      form: { email: E2E.locked.email, password: `wrong ${i}`, csrfToken: csrf.csrfToken, json: 'true' },
      headers: { 'x-forwarded-for': '198.51.100.23' },
    });
    expect(response.status(), `attempt ${i}`).toBe(401);
  }
  const csrf = await (await request.get('/api/auth/csrf')).json();
  const eleventh = await request.post('/api/auth/callback/staff', {
    form: { email: E2E.locked.email, password: E2E.locked.password, csrfToken: csrf.csrfToken, json: 'true' },
    headers: { 'x-forwarded-for': '198.51.100.23' },
  });
  expect(eleventh.status()).toBe(429);

  await signInStaff(page, E2E.locked);
  await expect(page.getByTestId('sign-in-error')).toContainText('locked for 15 minutes');
  await expect(page).toHaveURL(/\/sign-in/);
});
