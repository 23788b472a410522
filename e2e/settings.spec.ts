import { expect, test } from './support/test';
import { createAccount, signIn } from './support/accounts';

test('settings: profile and theme persist across reload, sign-out and another browser', async ({ page, browser }) => {
  const account = await createAccount(page);
  await signIn(page, account);
  await page.getByTestId('user-menu').click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL('/settings');

  const personal = page.getByRole('form', { name: 'Personal Information' });
  await expect(personal.getByLabel('Email Address')).toBeDisabled();
  await personal.getByLabel('Full Name').fill('Grace Hopper');
  await personal.getByLabel('Bio').fill('Wrote the first compiler.');
  await personal.getByRole('button', { name: 'Save personal information' }).click();
  await expect(personal.getByTestId('save-status')).toHaveText('Saved.');

  // A required field left empty is explained beside it, and nothing is lost.
  await personal.getByLabel('Full Name').fill('');
  await personal.getByRole('button', { name: 'Save personal information' }).click();
  await expect(personal.getByRole('alert')).toHaveText('Check the highlighted fields.');
  await expect(personal.getByTestId('field-error')).toHaveText('Full Name is required');
  await expect(personal.getByLabel('Full Name')).toHaveAttribute('aria-invalid', 'true');

  await page.reload();
  await expect(page.getByRole('form', { name: 'Personal Information' }).getByLabel('Full Name')).toHaveValue('Grace Hopper');
  await expect(page.getByTestId('user-name')).toHaveText('Grace Hopper');

  await page.getByRole('radio', { name: 'Harbor Night' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'harbor');
  await expect(page.getByRole('group', { name: 'Theme' }).getByTestId('save-status')).toHaveText('Saved.');
  // The header's selector follows at once, without a navigation.
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveText('Harbor Night');

  // Sign out, sign back in: both kept.
  await page.getByTestId('user-menu').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Wait for the sign-out to land before signing in again; otherwise the old session is still there.
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, account);
  await page.goto('/settings');
  await expect(page.getByRole('form', { name: 'Personal Information' }).getByLabel('Bio')).toHaveValue('Wrote the first compiler.');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'harbor');

  // Another browser (no theme cookie) gets the account's theme.
  const other = await browser.newContext();
  try {
    const elsewhere = await other.newPage();
    await signIn(elsewhere, account);
    await expect(elsewhere.locator('html')).toHaveAttribute('data-theme', 'harbor');
  } finally {
    await other.close();
  }
});

test('settings: the password can be changed with the current one', async ({ page }) => {
  const account = await createAccount(page);
  await signIn(page, account);
  await page.goto('/settings#security');
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('wrong-password');
  await form.getByLabel('New password', { exact: true }).fill('brand-new-password');
  await form.getByLabel('Repeat the new password').fill('brand-new-password');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toHaveText('The current password is not correct');

  await form.getByLabel('Current password').fill(account.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByTestId('save-status')).toHaveText('Saved.');
  await expect(form.getByLabel('Current password')).toHaveValue('');
});
