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
