import { expect, type Page } from '@playwright/test';
import { call } from '../sim/testing/client';
import { E2E } from './env';

export const STATE = { admin: 'test-results/admin.json', support: 'test-results/support.json' };

export async function signInStaff(page: Page, who: { email: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** An admin call to the simulator, as a test's own set-up (not through the console). */
export async function gatewayAdmin(method: string, query: string, body?: string) {
  const result = await call(E2E.simUrl, method, `/?${query}`, E2E.systemKey, { body });
  if (result.status >= 300) throw new Error(`${method} ${query}: ${result.status} ${result.text}`);
  return result.text ? JSON.parse(result.text) : null;
}

export async function simTest(method: string, path: string, body?: unknown) {
  const response = await fetch(E2E.simUrl + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(response.ok).toBe(true);
  return response.json();
}

export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** A new S3 user made on the gateway directly, with its first key pair. */
export async function newCustomer(prefix = 'customer') {
  const email = unique(prefix);
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  return { email, id: created.UserId as string, key: { id: created.AWSAccessKeys[0].AWSAccessKeyId as string, secret: created.AWSAccessKeys[0].AWSSecretAccessKey as string } };
}

/** Fills and sends the sign-in form's Customer tab (the caller checks where it lands). */
export async function signInCustomer(page: Page, key: { id: string; secret: string }) {
  await page.goto('/sign-in');
  await page.getByRole('tab', { name: 'Customer' }).click();
  await page.getByLabel('Access key ID').fill(key.id);
  await page.getByLabel('Secret access key').fill(key.secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
