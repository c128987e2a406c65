import { expect, test as setup } from '@playwright/test';
import { E2E } from './env';
import { signInStaff, STATE } from './helpers';

for (const role of ['admin', 'support'] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signInStaff(page, E2E[role]);
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByTestId('signed-in-as')).toHaveText(role === 'admin' ? 'Ada Admin' : 'Sam Support');
    await page.context().storageState({ path: STATE[role] });
  });
}
