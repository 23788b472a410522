import { expect, type Page } from '@playwright/test';

let counter = 0;

/** A fresh local account, created through the API (the journey under test is elsewhere). */
export async function createAccount(page: Page, baseURL = '') {
  counter += 1;
  const username = `user${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1e4)}`;
  const account = { username, password: `${username}-password`, email: `${username}@example.com`, full_name: `Test ${username}` };
  const response = await page.request.post(`${baseURL}/api/auth/register`, { data: account });
  expect(response.status(), await response.text()).toBe(200);
  return account;
}

/** Signs in through the sign-in form and waits for the destination page. */
export async function signIn(page: Page, account: { username: string; password: string }, baseURL = '') {
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** A signed-in browser on a fresh account. */
export async function signedIn(page: Page, baseURL = '') {
  const account = await createAccount(page, baseURL);
  await signIn(page, account, baseURL);
  return account;
}
