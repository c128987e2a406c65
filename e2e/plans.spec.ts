import { expect, test } from '@playwright/test';
import { E2E } from './env';
import { gatewayAdmin, STATE, unique } from './helpers';

test.use({ storageState: STATE.admin });

test('an admin defines a plan, creates a user on it, sees drift, and finishes a plan that failed midway', async ({ page }) => {
  const name = `Gold ${Date.now().toString(36)}`;
  await page.goto('/plans');
  await page.getByRole('button', { name: 'New plan' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel(/^User quota/).fill('500');
  await dialog.getByLabel(/^Bucket quota/).fill('100');
  await dialog.getByLabel(/^GET/).fill('-1');
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(dialog.getByText('use 0 for unlimited')).toBeVisible();
  await dialog.getByLabel(/^GET/).fill('200');
  await dialog.getByLabel(/^Bandwidth out/).fill('5000');
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByTestId(`plan-${name}`)).toContainText('500 GB');

  // A user created on the plan gets its quota and limits on the gateway.
  const email = unique('planned');
  await page.goto('/users');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('dialog').getByLabel('Email address').fill(email);
  await page.getByRole('dialog').getByLabel('Plan').selectOption({ label: name });
  await page.getByRole('dialog').getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByTestId('created-plan')).toHaveText(`Plan ${name} applied.`);
  expect(await gatewayAdmin('GET', `ostor-quotas&emailAddress=${encodeURIComponent(email)}`)).toMatchObject({ size: '500' });
  expect(await gatewayAdmin('GET', `ostor-limits&emailAddress=${encodeURIComponent(email)}`)).toMatchObject({ 'ops:get': '200.00', 'bandwidth:out': '5000' });
  await page.getByRole('dialog').getByRole('link', { name: email }).click();
  const plan = page.getByRole('region', { name: 'Plan' });
  await expect(plan.getByTestId('plan-name')).toHaveText(name);
  await expect(plan.getByTestId('plan-in-sync')).toBeVisible();

  // Changed behind the console's back: the page shows the drift and re-applies the plan.
  await gatewayAdmin('PUT', `ostor-limits&emailAddress=${encodeURIComponent(email)}&limit-type=ops&limit-resource=get&limit-value=7`);
  await page.reload();
  await expect(plan.getByTestId('plan-status')).toHaveText('the gateway differs from it');
  await expect(plan.getByTestId('drift-row')).toHaveText([/GET limit\s*200 ops\/s\s*7 ops\/s/]);
  // Re-applying says what it will change before it does.
  await plan.getByRole('button', { name: 'Re-apply plan' }).click();
  await expect(page.getByRole('dialog').getByTestId('reapply-changes')).toHaveText('GET limit: 7 ops/s → 200 ops/s');
  await page.getByRole('dialog').getByRole('button', { name: 'Re-apply plan' }).click();
  await expect(plan.getByTestId('plan-in-sync')).toBeVisible();
  expect(await gatewayAdmin('GET', `ostor-limits&emailAddress=${encodeURIComponent(email)}`)).toMatchObject({ 'ops:get': '200.00' });

  // A value set by hand that the user should keep: kept as an override, which re-applying respects.
  await gatewayAdmin('PUT', `ostor-quotas&emailAddress=${encodeURIComponent(email)}&quota-size=700`);
  await page.reload();
  await plan.getByRole('button', { name: 'Keep 700 GB for this user' }).click();
  await expect(plan.getByTestId('override-row')).toHaveText(/User quota: 700 GB\s*\(the plan says 500 GB\)/);
  await expect(plan.getByTestId('plan-in-sync')).toBeVisible();

  // The gateway fails midway through applying: the steps say what is done, and finishing completes it.
  const other = unique('halfway');
  const created = await gatewayAdmin('PUT', `ostor-users&emailAddress=${encodeURIComponent(other)}`);
  await fetch(`${E2E.simUrl}/__sim/faults/ostor-limits`, { method: 'PUT', body: JSON.stringify({ mode: 'error', status: 500, skip: 1, count: 3 }) });
  try {
    await page.goto(`/users/${created.UserId}`);
    await plan.getByLabel('Plan').selectOption({ label: name });
    await plan.getByRole('button', { name: 'Assign plan' }).click();
    await expect(plan.getByTestId('plan-status')).toHaveText('not fully applied');
    await expect(plan.getByTestId('plan-steps')).toContainText('User quota: done');
    await expect(plan.getByTestId('plan-steps')).toContainText('User limits: failed');
    await expect(plan.getByTestId('plan-steps')).toContainText(/Quota of .*: not yet|User limits: failed/);
  } finally {
    await fetch(`${E2E.simUrl}/__sim/faults/ostor-limits`, { method: 'DELETE' });
  }
  await plan.getByRole('button', { name: 'Finish applying' }).click();
  await expect(plan.getByTestId('plan-status')).toHaveText('applied: the gateway matches it');
  await expect(plan.getByTestId('plan-in-sync')).toBeVisible();

  // The users list filters by plan and shows how each user stands against it.
  await page.goto('/users');
  await page.getByLabel('Plan', { exact: true }).selectOption({ label: name });
  await expect(page.getByRole('link', { name: /@example\.com$/ })).toHaveCount(2);
  await expect(page.getByTestId('user-plan').first()).toContainText(name);

  // The plans page counts its users, and re-applies the plan to all of them as a job.
  await page.goto('/plans');
  const row = page.getByTestId(`plan-${name}`);
  await expect(row.getByTestId('plan-users')).toHaveText('2');
  await row.getByRole('button', { name: 'Re-apply to 2 users' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Re-apply' }).click();
  await expect(page.getByTestId('plan-job-apply').getByTestId('plan-job-result')).toContainText('2 of 2 users brought to', { timeout: 20_000 });
  // The override survived the re-application.
  expect(await gatewayAdmin('GET', `ostor-quotas&emailAddress=${encodeURIComponent(email)}`)).toMatchObject({ size: '700' });
});
