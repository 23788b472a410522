/**
 * Every page of the shell, axe-clean in each shipped theme (issue #22): what the seeded administrator
 * reaches (the dashboard, every sidebar entry, the Assistant and a chat, notifications, settings,
 * admin, plans), the panels the header and the chat widget open (their code arrives after hydration),
 * and the signed-out pages. The shipped configuration with `npm run seed`'s data and plans on, so pages
 * show content rather than empty states.
 *
 * On the way it takes the README's pictures (dashboard, Task Manager, an Assistant chat, Platform, in each
 * theme) into the test's output folder; `MOZAIKS_UPDATE_SCREENSHOTS=1 npx playwright test
 * e2e/accessibility.spec.ts` writes them to docs/images.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from './support/test';
import { signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { makeTempDir } from '../tests/support/config-dir';
import { PROJECT_ROOT } from '../tests/support/paths';
import { startServer, type RunningServer } from '../tests/support/server';

// The name the README's pictures show on the dashboard.
const APP_ID = 'acme_demo';
const THEMES = ['light', 'dark'];
/** The pictures: docs/images/<name>-<theme>.png. */
const PICTURES: Record<string, string> = { '/': 'dashboard', '/plugins/task_manager': 'task-manager', '/plugins/moz.platform.dashboard': 'platform' };

let server: RunningServer;
let admin: { username: string; password: string };
let picturesFolder: string;

test.beforeAll(async () => {
  const dataDir = makeTempDir('mozaiks-a11y-');
  const env = { MOZAIKS_DATA_DIR: dataDir, MOZAIKS_APP_ID: APP_ID, ENV: 'development', MONETIZATION: '1', MOZAIKS_CONFIGS_PATH: path.join(PROJECT_ROOT, 'config') };
  const seeded = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/seed.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(seeded.status, seeded.stderr).toBe(0);
  const password = /username: admin\s+password: (\S+)/.exec(seeded.stdout)?.[1];
  expect(password, seeded.stdout).toBeTruthy();
  admin = { username: 'admin', password: password! };
  server = await startServer({ env });
});

test.afterAll(async () => {
  await server?.stop();
});

/**
 * The page in each theme, scanned whole (`within`: only that part, for an overlay over a scanned page);
 * with `picture`, photographed in each theme too.
 */
async function expectAxeClean(page: Page, where: string, within?: string, picture?: string) {
  for (const theme of THEMES) {
    // Shown, not saved: every colour is a CSS variable keyed by data-theme.
    await page.evaluate((id) => (document.documentElement.dataset.theme = id), theme);
    expect(await axeViolations(page, within), `${where} in the ${theme} theme`).toEqual([]);
    if (picture) await page.screenshot({ path: path.join(picturesFolder, `${picture}-${theme}.png`) });
  }
}

test('every page and panel of the shell is axe-clean in each theme', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  picturesFolder = process.env.MOZAIKS_UPDATE_SCREENSHOTS === '1' ? path.join(PROJECT_ROOT, 'docs/images') : testInfo.outputPath();
  await page.setViewportSize({ width: 1280, height: 800 });

  for (const signedOut of ['/sign-in', '/sign-up', '/no-such-page']) {
    await page.goto(`${server.url}${signedOut}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAxeClean(page, signedOut);
  }

  await signIn(page, admin, server.url);
  const sidebar = await page.getByRole('navigation', { name: 'Main' }).locator('a[href^="/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? '/'));
  await page.goto(`${server.url}/ai`);
  const chat = await page.locator('a[href^="/ai/"]').first().getAttribute('href');
  expect(chat, 'the seeded chat').toBeTruthy();
  const pages = [...new Set(['/', ...sidebar, '/ai', chat!, '/notifications', '/settings', '/admin', '/subscriptions'])];
  expect(pages.filter((shown) => shown.startsWith('/plugins/')).length, 'the sidebar lists the plugins').toBeGreaterThanOrEqual(4);

  for (const shown of pages) {
    const response = await page.goto(`${server.url}${shown}`);
    expect(response?.status(), shown).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Data-driven content has arrived: no skeleton left.
    await expect(page.locator('main .animate-pulse')).toHaveCount(0);
    await expectAxeClean(page, shown, undefined, shown === chat ? 'assistant' : PICTURES[shown]);
  }

  await page.goto(server.url);
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(page.getByRole('dialog', { name: 'Notifications' }).getByRole('listitem').first()).toBeVisible();
  await expectAxeClean(page, 'the notification panel', '[role="dialog"]');
  await page.keyboard.press('Escape');

  await page.getByTestId('user-menu').locator('summary').click();
  await expectAxeClean(page, 'the user menu', '[data-testid="user-menu"]');
  await page.getByTestId('user-menu').locator('summary').click();

  await page.getByRole('combobox', { name: 'Theme' }).click();
  await expect(page.getByRole('listbox')).toBeVisible();
  await expectAxeClean(page, 'the theme list', '[role="listbox"]');
  await page.keyboard.press('Escape');

  await page.getByTestId('chat-widget-button').click();
  await expect(page.getByTestId('chat-widget-panel').getByRole('textbox')).toBeVisible();
  await expectAxeClean(page, 'the assistant widget', '[data-testid="chat-widget-panel"]');
});
