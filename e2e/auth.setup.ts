import { test as setup, expect } from '@playwright/test';
import { ADMIN, ADMIN_STATE, signIn } from './fixtures';

setup('sign in as the admin', async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByTestId('current-role')).toHaveText('admin');
  await page.context().storageState({ path: ADMIN_STATE });
});
