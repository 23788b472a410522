import { axeViolations } from './support/axe';
import { expect, test, type Page } from './support/test';
import { GATEWAY_DATA, startGateway, type FakeGateway } from '../tests/support/gateway';
import { startServer, type RunningServer } from '../tests/support/server';
import { signedIn } from './support/accounts';

// Two servers of our own: one in development without a platform (sample data, development's default),
// one managed by a platform whose gateway runs on loopback in this process. The first account of each is
// its superadmin, so the admin plugin is open to it. A third, in production without a platform, is started
// by its own test.
let selfHosted: RunningServer;
let managed: RunningServer;
let gateway: FakeGateway;
test.beforeAll(async () => {
  gateway = await startGateway();
  [selfHosted, managed] = await Promise.all([
    startServer({ env: { MOZAIKS_APP_ID: 'platform_e2e_self' } }),
    startServer({ env: { MOZAIKS_APP_ID: 'platform_e2e_managed', MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: gateway.url, MOZAIKS_GATEWAY_RETRIES: '0', MOZAIKS_GATEWAY_TIMEOUT_MS: '1500' } }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([selfHosted?.stop(), managed?.stop()]);
  await gateway?.close();
});

async function open(page: Page, base: string, link: string, plugin: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await expect(page).toHaveURL(`${base}/plugins/${plugin}`);
}

/** The notice a page shows above sample data: a badge, and how to connect the real platform. */
async function expectSampleNotice(page: Page) {
  const notice = page.getByRole('complementary', { name: 'Sample data' });
  await expect(notice).toContainText('Sample data');
  await expect(notice).toContainText('This is sample data');
  await expect(notice).toContainText('MOZAIKS_MANAGED=1 and MOZAIKS_GATEWAY_BASE_URL');
}

test('platform plugins, development without a platform: labelled sample data, and this app\'s own accounts', async ({ page }) => {
  const base = selfHosted.url;
  const account = await signedIn(page, base);

  await open(page, base, 'Hosting', 'moz.platform.hosting');
  await expect(page.getByRole('heading', { name: 'Platform Hosting' })).toBeVisible();
  await expect(page.getByTestId('platform-mode')).toHaveText('Self-hosted, with sample platform data');
  await expectSampleNotice(page);
  const apps = page.getByTestId('hosted-apps').getByRole('listitem');
  await expect(apps).toHaveCount(3);
  // The first sample app is this one (MOZAIKS_APP_ID=platform_e2e_self), running.
  await expect(apps.first()).toContainText('Platform E2e Self');
  await expect(apps.first()).toContainText('running');
  expect(await axeViolations(page)).toEqual([]);

  await open(page, base, 'Discover', 'moz.platform.discovery');
  await expectSampleNotice(page);
  await expect(page.getByTestId('directory-apps').getByRole('listitem')).toHaveCount(8);
  await page.getByRole('searchbox', { name: 'Search apps' }).fill('kanban');
  await expect(page.getByTestId('directory-apps').getByRole('listitem')).toHaveText([/Taskflow/]);

  await open(page, base, 'Platform', 'moz.platform.dashboard');
  // The app's own subscription is real (MONETIZATION=0: one unlimited plan); the platform-only services are samples.
  await expect(page.getByTestId('subscription-plan')).toHaveText('unlimited · active');
  await expectSampleNotice(page);
  await expect(page.getByTestId('growth-metrics')).toContainText('Visitors');
  await expect(page.getByTestId('card-funding')).toContainText('Seed round');
  await expect(page.getByTestId('card-community').getByRole('listitem')).toHaveCount(4);
  await expect(page.getByTestId('card-social').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByTestId('platform-unavailable')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);

  // Identity and billing are never sampled: they come from this app's own accounts.
  await open(page, base, 'Accounts', 'moz.platform.admin');
  await expect(page.getByTestId('platform-mode')).toHaveText('Self-hosted');
  await expect(page.getByTestId('sample-data-notice')).toHaveCount(0);
  await expect(page.getByTestId('account-username')).toHaveText(account.username);
  await expect(page.getByTestId('account-roles')).toHaveText('user, superadmin');
  await expect(page.getByTestId('account-plan')).toContainText('unlimited · active');
  await expect(page.getByTestId('account-usage-empty')).toBeVisible();
  await page.getByLabel('User id').fill('no-such-user');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('article', { name: 'Account no-such-user' }).getByTestId('platform-empty')).toHaveText('No account with the id no-such-user.');
});

test('platform plugins, managed: each page shows what the platform gateway returns, and a failing service on its own', async ({ page }) => {
  const base = managed.url;
  await signedIn(page, base);

  await open(page, base, 'Hosting', 'moz.platform.hosting');
  await expect(page.getByTestId('platform-mode')).toHaveText('Managed by the Mozaiks platform');
  const apps = page.getByTestId('hosted-apps').getByRole('listitem');
  await expect(apps).toHaveCount(2);
  await expect(apps.first()).toContainText('Acme CRM');
  await expect(apps.first()).toContainText('running');
  expect(await axeViolations(page)).toEqual([]);
  // The gateway was called with the signed-in user's token.
  expect(gateway.requestsTo('GET /api/hosting/apps').at(-1)?.headers.authorization).toMatch(/^Bearer \S+/);

  await open(page, base, 'Discover', 'moz.platform.discovery');
  await expect(page.getByTestId('directory-apps').getByRole('listitem')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Search apps' }).fill('bookkeeping');
  await expect(page.getByTestId('directory-apps').getByRole('listitem')).toHaveText([/Ledgerly/]);
  gateway.script('GET /api/discovery/apps', { status: 503 });
  await page.getByRole('searchbox', { name: 'Search apps' }).fill('kanban');
  await expect(page.getByTestId('platform-unavailable')).toHaveText('The Mozaiks platform could not provide the app directory right now. Try again later.');

  await open(page, base, 'Platform', 'moz.platform.dashboard');
  await expect(page.getByTestId('subscription-plan')).toContainText('pro · active');
  await expect(page.getByTestId('growth-metrics')).toContainText('1200');
  await expect(page.getByTestId('card-funding')).toContainText('Seed round: 12,500 of 50,000 USD');
  await expect(page.getByTestId('card-community')).toContainText('Welcome to the community');
  await expect(page.getByTestId('card-social')).toContainText('Shipped our first release!');

  gateway.script('GET /api/growth/metrics', { delayMs: 3_000, body: GATEWAY_DATA.metrics });
  gateway.script('GET /api/funding/campaigns', { raw: 'oops' });
  await page.reload();
  await expect(page.getByTestId('card-growth').getByTestId('platform-unavailable')).toContainText('did not answer in time');
  await expect(page.getByTestId('card-funding').getByTestId('platform-unavailable')).toContainText('could not provide funding');
  await expect(page.getByTestId('card-community')).toContainText('Welcome to the community');

  await open(page, base, 'Accounts', 'moz.platform.admin');
  await expect(page.getByTestId('account-username')).toHaveText(/^platform_/);
  await expect(page.getByTestId('account-roles')).toHaveText('user, platform_member');
  await expect(page.getByTestId('account-plan')).toHaveText('pro · active');
  await expect(page.getByTestId('account-usage')).toContainText('notes · notes_created: 12 of 100');
  expect(await axeViolations(page)).toEqual([]);
});

test('platform plugins, production without a platform: no sidebar entry leads to them, and a direct visit finds no page', async ({ page }) => {
  const production = await startServer({
    env: { ENV: 'production', MOZAIKS_APP_ID: 'platform_e2e_prod', JWT_SECRET: 'Pq7vW2mN9rT4yB6cF1hJ8kD3gS5xAz0L', MOZAIKS_FIRST_USER_ADMIN: 'true' },
  });
  try {
    const base = production.url;
    // The first account is superadmin here too: even the app's owner is not shown pages about environment variables.
    await signedIn(page, base);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Accounts', exact: true })).toBeVisible();
    for (const label of ['Hosting', 'Discover', 'Platform']) await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
    const { navigation } = (await (await page.request.get(`${base}/api/navigation`)).json()) as { navigation: { path: string }[] };
    expect(navigation.map((item) => item.path)).toEqual(expect.arrayContaining(['/plugins/moz.platform.admin']));
    expect(navigation.map((item) => item.path).filter((path) => /hosting|discovery|dashboard/.test(path))).toEqual([]);

    for (const plugin of ['moz.platform.hosting', 'moz.platform.discovery', 'moz.platform.dashboard']) {
      // The shell streams its loading state before the page decides, so the status stays 200, as for a disabled plugin.
      await page.goto(`${base}/plugins/${plugin}`);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expect(page.getByTestId('platform-unavailable')).toHaveCount(0);
    }
  } finally {
    await production.stop();
  }
});
