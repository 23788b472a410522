import { expect, test } from './support/test';
import { signedIn } from './support/accounts';
import { chooseOption } from './support/ui';

// The server for these specs runs e2e/fixtures/config (see playwright.config.ts).

test.describe('the app shell', () => {
  test.beforeEach(async ({ page }) => {
    await signedIn(page);
  });

  test('shows branding and navigation from the config files', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Acme Field Desk');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Acme Field Desk');
    await expect(page.getByText('Dispatch, track and close every job.')).toBeVisible();
    await expect(page.locator('aside [data-testid=app-name]')).toHaveText('Acme Field Desk');
    await expect(page.locator('link[rel=icon]')).toHaveAttribute('href', '/favicon.svg');

    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = nav.getByRole('list', { name: 'Menu' }).getByRole('link');
    await expect(menu).toHaveText(['Overview', 'Dispatch Board', 'Assistant']);
    await expect(menu.nth(1)).toHaveAttribute('href', '/dispatch');
    // Billing points at /subscriptions, which only shows with MONETIZATION=1.
    await expect(nav.getByRole('link', { name: 'Billing' })).toHaveCount(0);

    // The configured plugin item first (label from config), then plugins' own entries from their manifests.
    const apps = nav.getByRole('list', { name: 'Apps' }).getByRole('link');
    await expect(apps).toHaveText(['Field Notes', 'Task Manager']);
    await expect(apps.first()).toHaveAttribute('href', '/plugins/notes');

    await expect(nav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  });

  test('switching theme changes the CSS variables at once and is kept on reload', async ({ page }) => {
    await page.goto('/');
    const variable = (name: string) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);
    const bodyBackground = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    expect(await variable('--mz-background')).toBe('#FFF8EE');
    expect(await bodyBackground()).toBe('rgb(255, 248, 238)');
    expect(await variable('--mz-radius')).toBe('4px');

    await chooseOption(page, page.getByRole('combobox', { name: 'Theme' }), 'Harbor Night');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'harbor');
    expect(await variable('--mz-background')).toBe('#0A1622');
    expect(await variable('--mz-accent')).toBe('#5EC4D6');
    expect(await bodyBackground()).toBe('rgb(10, 22, 34)');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'harbor');
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveText('Harbor Night');
    expect(await bodyBackground()).toBe('rgb(10, 22, 34)');
  });

  test('keyboard users can skip to the content and reach the navigation', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main-content')).toBeFocused();

    await page.goto('/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' })).toBeFocused();
  });

  test('on a phone the navigation is a drawer that opens, closes on Escape and fits the screen', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeHidden();

    const menuButton = page.getByRole('button', { name: 'Open navigation' });
    await menuButton.click();
    await expect(nav).toBeVisible();
    // Focus moves into the drawer, onto its first link.
    await expect(page.locator('#app-sidebar a').first()).toBeFocused();
    await expect(page.getByRole('button', { name: 'Close navigation' })).toHaveAttribute('aria-expanded', 'true');

    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(page.getByRole('button', { name: 'Open navigation' })).toBeFocused();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  // Not only unknown paths: pages that decide "not found" themselves answered 200 while app/loading.tsx streamed first.
  for (const [path, what] of [
    ['/no/such/page', 'an unknown page'],
    ['/subscriptions', 'the plans page with monetization off'],
    ['/plugins/nope', 'an unknown plugin page'],
  ] as const) {
    test(`${what} answers 404 and shows a helpful 404 inside the shell`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await page.getByRole('link', { name: 'Back to the dashboard' }).click();
      await expect(page).toHaveURL('/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Acme Field Desk');
    });
  }

  test('a plugin page answers 200', async ({ page }) => {
    const response = await page.goto('/plugins/notes');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes');
  });

  test('live updates connect over Socket.IO', async ({ page }) => {
    await page.goto('/');
    const status = page.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-status', 'live');
    await expect(status).toHaveAttribute('data-transport', 'socket');
    await expect(page.getByTestId('stat-realtime')).toContainText('On');
  });
});
