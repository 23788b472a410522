import { expect, test } from './support/test';
import { createAccount, signIn } from './support/accounts';

test.describe('local accounts', () => {
  test('a visitor is sent to sign in and comes back to where they were going', async ({ page }) => {
    await page.goto('/no/such/page?x=1');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fno%2Fsuch%2Fpage%3Fx%3D1/);
    const account = await createAccount(page);
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL('/no/such/page?x=1');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });

  test('sign up, see yourself in the shell, sign out', async ({ page }) => {
    const username = `newcomer${Date.now().toString(36)}`;
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();

    await page.getByLabel('Full name').fill('Nora Newcomer');
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('password must be at least 8 characters')).toBeVisible();
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Username')).toHaveValue(username);

    await page.getByLabel('Password').fill('a much better password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByTestId('user-name')).toHaveText('Nora Newcomer');
    await page.getByTestId('user-menu').locator('summary').click();
    await expect(page.getByTestId('user-roles')).toContainText('user');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/sign-in?signed_out=1');
    await expect(page.getByText('You have signed out.')).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F/);
  });

  test('a taken username is explained on the sign-up form', async ({ page }) => {
    const existing = await createAccount(page);
    await page.goto('/sign-up');
    await page.getByLabel('Full name').fill('Copy Cat');
    await page.getByLabel('Email').fill(`copy-${existing.email}`);
    await page.getByLabel('Username').fill(existing.username.toUpperCase());
    await page.getByLabel('Password').fill('another password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Username already registered')).toBeVisible();
  });

  test('a wrong password is explained, and repeated failures lock the account', async ({ page }) => {
    const account = await createAccount(page);
    const error = page.getByTestId('sign-in-error').or(page.getByTestId('form-error'));
    /** Submits the form and waits until the attempt has finished (the form clears its password). */
    const attempt = async (password: string) => {
      await page.getByLabel('Username').fill(account.username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByLabel('Password')).toHaveValue('');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    };
    await page.goto('/sign-in');
    for (let failure = 1; failure <= 4; failure += 1) {
      await attempt(`wrong-${failure}`);
      await expect(error).toHaveText('That username and password do not match. Check them and try again.');
    }
    await attempt('wrong-5');
    await expect(error).toHaveText('Too many failed attempts. This account is locked for 15 minutes.');

    // Locked means locked: the right password does not get in either.
    await attempt(account.password);
    await expect(error).toContainText('locked');
    await expect(page.getByTestId('user-menu')).toHaveCount(0);
  });

  test('signing in works after a few mistakes', async ({ page }) => {
    const account = await createAccount(page);
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill(account.username);
    await page.getByLabel('Password').fill('nope-nope');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('sign-in-error').or(page.getByTestId('form-error'))).toBeVisible();
    await signIn(page, account);
    await expect(page.getByTestId('user-name')).toHaveText(account.full_name);
  });
});
