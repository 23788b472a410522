import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/test';
import { makeConfigDir, makeTempDir } from '../tests/support/config-dir';
import { PROJECT_ROOT } from '../tests/support/paths';
import { startServer, startServerExpectingFailure } from '../tests/support/server';
import { signedIn } from './support/accounts';

// These specs start their own servers, because the journey is about restarting one.

const FIXTURE = path.join(PROJECT_ROOT, 'e2e/fixtures/config');

interface FixtureConfig {
  branding: { app_name: string };
  default: { label: string; path: string; icon?: string }[];
  plugins: { label: string; path: string }[];
}

/** Rewrites one of the copied fixture files; the shape is the fixture's, not a general config type. */
function editJson(file: string, edit: (json: FixtureConfig) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as FixtureConfig;
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

test('a config file changed on disk is picked up on restart', async ({ page }) => {
  const dir = makeConfigDir({}, FIXTURE);
  const dataDir = makeTempDir('mozaiks-e2e-data-');
  const secret = 'E2e-Restart-Secret-0123456789-abcdefgh';
  const first = await startServer({ env: { MOZAIKS_CONFIGS_PATH: dir, MOZAIKS_DATA_DIR: dataDir, JWT_SECRET: secret } });
  try {
    await signedIn(page, first.url);
    await page.goto(first.url);
    await expect(page.locator('aside [data-testid=app-name]')).toHaveText('Acme Field Desk');

    editJson(path.join(dir, 'theme_config.json'), (theme) => (theme.branding.app_name = 'Northwind Service'));
    editJson(path.join(dir, 'navigation_config.json'), (nav) => nav.default.push({ label: 'Reports', path: '/reports', icon: 'bar-chart' }));

    // A production server reads its configs once, at start-up.
    await page.reload();
    await expect(page.locator('aside [data-testid=app-name]')).toHaveText('Acme Field Desk');
  } finally {
    await first.stop();
  }

  // Same data folder, so the account and its session carry over the restart.
  const second = await startServer({ env: { MOZAIKS_CONFIGS_PATH: dir, MOZAIKS_DATA_DIR: dataDir, JWT_SECRET: secret } });
  try {
    await page.goto(second.url);
    await expect(page.locator('aside [data-testid=app-name]')).toHaveText('Northwind Service');
    await expect(page).toHaveTitle('Northwind Service');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' })).toHaveAttribute('href', '/reports');
  } finally {
    await second.stop();
  }
});

test('a broken config file stops start-up with file and path, and the fixed file starts again', async ({ page }) => {
  const dir = makeConfigDir({}, FIXTURE);
  const file = path.join(dir, 'navigation_config.json');
  editJson(file, (nav) => (nav.plugins[0]!.path = 'plugins/notes'));

  const failed = await startServerExpectingFailure({ env: { MOZAIKS_CONFIGS_PATH: dir } });
  expect(failed.code).toBe(1);
  expect(failed.output).toContain('Mozaiks Core cannot start: configuration is invalid.');
  expect(failed.output).toContain(file);
  expect(failed.output).toContain('✖ $.plugins[0].path: must be a path inside the app starting with "/"');

  editJson(file, (nav) => (nav.plugins[0]!.path = '/plugins/notes'));
  const fixed = await startServer({ env: { MOZAIKS_CONFIGS_PATH: dir } });
  try {
    await signedIn(page, fixed.url);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Field Notes' })).toHaveAttribute('href', '/plugins/notes');
  } finally {
    await fixed.stop();
  }
});
