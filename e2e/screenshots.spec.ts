/**
 * The README's and docs' pictures, taken from the shipped configuration with `npm run seed`'s sample
 * data: the dashboard, Task Manager, the Assistant and the Platform page, in each shipped theme. Each
 * page is checked with axe in each theme on the way. The pictures go to the test's output folder;
 * `MOZAIKS_UPDATE_SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts` writes them to docs/images.
 */
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from './support/test';
import { signIn } from './support/accounts';
import { makeTempDir } from '../tests/support/config-dir';
import { PROJECT_ROOT } from '../tests/support/paths';
import { startServer, type RunningServer } from '../tests/support/server';

const APP_ID = 'acme_demo';
const THEMES = [
  { id: 'light', name: 'Day Light' },
  { id: 'dark', name: 'Midnight Dark' },
];
const PAGES = [
  { file: 'dashboard', path: '/', ready: (page: Page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible() },
  { file: 'task-manager', path: '/plugins/task_manager', ready: (page: Page) => expect(page.getByTestId('task-title').first()).toBeVisible() },
  {
    file: 'assistant',
    path: '/ai',
    // The seeded chat, open: a conversation shows what the assistant does better than the list of them.
    ready: async (page: Page) => {
      await page.getByRole('link', { name: /What is on my list today\?/ }).click();
      await expect(page.getByText('What is on my list today?').last()).toBeVisible();
    },
  },
  { file: 'platform', path: '/plugins/moz.platform.dashboard', ready: (page: Page) => expect(page.getByTestId('sample-data-notice')).toBeVisible() },
];

let server: RunningServer;
let admin: { username: string; password: string };

test.beforeAll(async () => {
  const dataDir = makeTempDir('mozaiks-screenshots-');
  const env = { ...process.env, MOZAIKS_DATA_DIR: dataDir, MOZAIKS_APP_ID: APP_ID, ENV: 'development', MOZAIKS_CONFIGS_PATH: path.join(PROJECT_ROOT, 'config') };
  const seeded = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/seed.ts'], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 120_000 });
  expect(seeded.status, seeded.stderr).toBe(0);
  const password = /username: admin\s+password: (\S+)/.exec(seeded.stdout)?.[1];
  expect(password, seeded.stdout).toBeTruthy();
  admin = { username: 'admin', password: password! };
  server = await startServer({ env: { MOZAIKS_DATA_DIR: dataDir, MOZAIKS_APP_ID: APP_ID, ENV: 'development', MOZAIKS_CONFIGS_PATH: env.MOZAIKS_CONFIGS_PATH } });
});

test.afterAll(async () => {
  await server?.stop();
});

test('screenshots of the shipped pages with sample data, each page axe-clean in each theme', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, admin, server.url);
  const folder = process.env.MOZAIKS_UPDATE_SCREENSHOTS === '1' ? path.join(PROJECT_ROOT, 'docs/images') : testInfo.outputPath();
  for (const theme of THEMES) {
    for (const shown of PAGES) {
      await page.goto(`${server.url}${shown.path}`);
      await shown.ready(page);
      // Shown, not saved: the header's selector follows data-theme (useCurrentTheme).
      await page.evaluate((id) => (document.documentElement.dataset.theme = id), theme.id);
      await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveText(theme.name);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(
        violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
        `${shown.path} in ${theme.name}`,
      ).toEqual([]);
      await page.screenshot({ path: path.join(folder, `${shown.file}-${theme.id}.png`) });
    }
  }
});
