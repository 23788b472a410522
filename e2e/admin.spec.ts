import { axeViolations } from './support/axe';
import { expect, test } from './support/test';
import { startServer, type RunningServer } from '../tests/support/server';
import { createAccount, signIn } from './support/accounts';

// Its own server, so that this spec's first account is the app's superadmin.
let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'admin_e2e' } });
});
test.afterAll(async () => server?.stop());

test('admin: a superadmin suspends an account, which can then neither sign in nor call the API; others see no admin area', async ({ page, browser }) => {
  const base = server.url;
  const admin = await createAccount(page, base);
  const target = await createAccount(page, base);

  // The target, signed in elsewhere, with a token for the API.
  const elsewhere = await browser.newContext();
  try {
    const targetPage = await elsewhere.newPage();
    await signIn(targetPage, target, base);
    await targetPage.goto(`${base}/admin`);
    await expect(targetPage.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    expect((await targetPage.request.get(`${base}/__mozaiks/admin/users`)).status()).toBe(403);
    const token = (await (await targetPage.request.post(`${base}/api/auth/token`, { form: { username: target.username, password: target.password } })).json()).access_token as string;

    await signIn(page, admin, base);
    await page.getByTestId('user-menu').click();
    await page.getByRole('link', { name: 'Admin' }).click();
    await expect(page).toHaveURL(`${base}/admin`);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('searchbox', { name: 'Search accounts' }).fill(target.username);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByTestId(`admin-user-${target.username}`);
    await expect(row).toContainText('Active');
    await row.getByRole('button', { name: `Suspend ${target.username}` }).click();
    // Asked first: suspending locks the account out.
    await page.getByRole('alertdialog', { name: `Suspend ${target.username}?` }).getByRole('button', { name: 'Suspend', exact: true }).click();
    await expect(row).toContainText('Suspended');
    await expect(page.getByTestId('toast').filter({ hasText: 'Suspended 1 user(s)' })).toBeVisible();

    expect((await page.request.get(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(403);
    await targetPage.context().clearCookies();
    await targetPage.goto(`${base}/sign-in`);
    await targetPage.getByLabel('Username').fill(target.username);
    await targetPage.getByLabel('Password').fill(target.password);
    await targetPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(targetPage.getByRole('alert').filter({ hasText: /disabled|suspended/i })).toBeVisible();

    // The action is in the audit log at once, in words, with the account by name rather than its id.
    const entry = page.getByTestId('audit-log').locator('tr[data-action="suspendUser"]').first();
    await expect(entry).toContainText('Suspended an account');
    await expect(entry).toContainText(`@${target.username}`);
  } finally {
    await elsewhere.close();
  }
});

test('settings and notifications pages pass an automated accessibility check', async ({ page }) => {
  const base = server.url;
  const account = await createAccount(page, base);
  await signIn(page, account, base);
  await page.goto(`${base}/settings`);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(`${base}/notifications`);
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
