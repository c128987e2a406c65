import { expect, test } from '@playwright/test';
import { HOSTILE_CALLBACKS } from '../lib/testing/hostile-callbacks';
import { E2E } from './env';

const csrfToken = async (request: import('@playwright/test').APIRequestContext) => (await (await request.get('/api/auth/csrf')).json()).csrfToken as string;

test('a sign-in form that gives a credential twice, or none, is refused before anything is counted or checked', async ({ request }) => {
  const token = await csrfToken(request);
  const doubled = await request.post('/api/auth/callback/staff', {
    data: `email=decoy%40e2e.test&email=${encodeURIComponent(E2E.admin.email)}&password=${encodeURIComponent(E2E.admin.password)}&csrfToken=${token}&json=true`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(doubled.status()).toBe(400);
  expect((await doubled.json()).error.message).toContain('“email” more than once');
  // Nothing signed in: the answer set no session cookie.
  expect(doubled.headers()['set-cookie'] ?? '').not.toContain('session-token');
  const missing = await request.post('/api/auth/callback/customer', { form: { secretKey: 'x', csrfToken: token, json: 'true' } });
  expect(missing.status()).toBe(400);
});

test('malformed sign-in posts are answered in words, never with a 500', async ({ request }) => {
  const token = await csrfToken(request);
  const json = await request.post('/api/auth/callback/staff', { data: { email: E2E.admin.email, password: 'x', csrfToken: token } });
  expect(json.status()).toBe(400);
  expect((await json.json()).error.message).toMatch(/takes a form/);
  const untyped = await request.fetch('/api/auth/callback/staff', { method: 'POST', data: Buffer.from(`email=a&password=b&csrfToken=${token}`) });
  expect(untyped.status()).toBe(400);
  const huge = await request.post('/api/auth/callback/staff', { data: `email=a%40b.c&password=${'p'.repeat(20 * 1024 * 1024)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(huge.status()).toBe(413);
  for (const callbackUrl of ['http://localhost:3000.evil.example/', 'http://127.0.0.1:3100.evil.example/', '//evil.example', '%zz']) {
    const page = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
    expect(page.status(), callbackUrl).toBeLessThan(500);
    const post = await request.post('/api/auth/signin/staff', { form: { csrfToken: await csrfToken(request), callbackUrl, json: 'true' } });
    expect(post.status(), callbackUrl).toBeLessThan(500);
    const { url } = await post.json();
    expect(url ?? '', callbackUrl).not.toContain('evil');
  }
});

test('after sign-in, a hostile callbackUrl never leads off the console', async ({ page }) => {
  test.setTimeout(120_000);
  expect(HOSTILE_CALLBACKS.length).toBeGreaterThanOrEqual(20);
  for (const target of HOSTILE_CALLBACKS) {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel('Email').fill(E2E.admin.email);
    await page.getByLabel('Password').fill(E2E.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page, JSON.stringify(target)).toHaveURL(/^http:\/\/127\.0\.0\.1:3100\/users$/);
  }
});
