import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { gatewayAdmin, simTest, STATE, unique } from './helpers';

test.use({ storageState: STATE.admin });

test('collect now shows progress; the usage page, its chart, a day’s sources and the CSV export follow', async ({ page }) => {
  const email = unique('billed');
  const user = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
  const { objects } = await simTest('POST', '/__sim/usage/generate', { objects: 24, items: 12, users: [user.UserId] });
  const month = /-(\d{4}-\d\d)-\d\dT/.exec(objects[0])![1];
  const day = /-(\d{4}-\d\d-\d\d)T/.exec(objects[0])![1];
  // A slow gateway, so that the progress can be seen.
  await simTest('PUT', '/__sim/faults/ostor-usage', { latencyMs: 120 });
  try {
    await page.goto(`/usage?month=${month}`);
    await expect(page.getByRole('heading', { name: 'Usage', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Collect now' }).click();
    await expect(page.getByTestId('job-progress')).toContainText(/\d+ of \d+ usage reports read$/);
    await expect(page.getByTestId('job-result')).toContainText(/\d+ usage reports? added to the figures|No usage reports were waiting/, { timeout: 30_000 });
  } finally {
    await simTest('DELETE', '/__sim/faults/ostor-usage');
  }

  // The figures: totals, a bar per day of the month, the user among the top users.
  await expect(page.getByTestId('usage-updated')).not.toContainText('traffic as of never');
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  await expect(page.getByTestId('usage-bar')).toHaveCount(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate());
  await expect(page.getByTestId('total-requests')).not.toHaveText('0');
  await expect(page.getByTestId('usage-top').getByRole('link', { name: email }).first()).toBeVisible();

  // A day's bar opens what it is made of: the statistics objects behind it.
  await page.getByRole('combobox', { name: 'Measure' }).selectOption('requests');
  await page.getByRole('button', { name: new RegExp(`^${day}: `) }).press('Enter');
  await expect(page.getByTestId('usage-trace')).toContainText(objects[0]);
  await page.getByRole('button', { name: 'Close' }).click();
  // Closed, the keyboard is back on the bar it came from; opened again, it shows the next day asked for.
  await expect(page.getByRole('button', { name: new RegExp(`^${day}: `) })).toBeFocused();
  await page.getByRole('button', { name: new RegExp(`^${day}: `) }).press('Enter');
  await expect(page.getByTestId('usage-trace')).toContainText(objects[0]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('usage-trace')).toBeHidden();

  // The figures per day, folded away until asked for: a row for every day of the month.
  await expect(page.getByTestId('usage-period')).toHaveCount(0);
  await page.getByText('Figures per day').click();
  await expect(page.getByTestId('usage-period')).toHaveCount(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate());
  await expect(page.getByTestId('usage-period').filter({ hasText: day })).toBeVisible();

  // The user's page has its own chart and the month's invoice lines as CSV.
  await page.goto(`/users/${user.UserId}?month=${month}`);
  await expect(page.getByTestId('usage-chart')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('usage-csv').click()]);
  expect(download.suggestedFilename()).toBe(`usage-${month}-${email.replace('@', '_')}.csv`);
  const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toMatch(/^month,user_id,user_email,bucket,epoch,storage_byte_seconds,storage_gb_month,uploaded_bytes/);
  expect(csv).toHaveLength(12 + 2);
  expect(csv.at(-1)).toMatch(new RegExp(`^${month},${user.UserId},${email},TOTAL,,`));
});

test('the statistics panel lists waiting objects, opens one and warns before deleting one never collected', async ({ page }) => {
  const user = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(unique('waiting'))}`);
  const [name] = (await simTest('POST', '/__sim/usage/generate', { objects: 1, items: 3, start: Date.UTC(2026, 0, 5), users: [user.UserId] })).objects;
  await page.goto('/usage/statistics');
  const row = page.getByTestId('statistics-row').filter({ hasText: name });
  await expect(row).toContainText('waiting to be collected');
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('statistics-items')).toContainText('3 items');
  await expect(page.getByTestId('statistics-items').getByTitle(user.UserId).first()).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();

  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('This object was never collected. Its usage will never be billed')).toBeVisible();
  await page.getByRole('button', { name: 'Delete without collecting' }).click();
  await expect(page.getByTestId('toast-success')).toContainText(name);
  await expect(page.getByTestId('statistics-row').filter({ hasText: name })).toHaveCount(0);
});
