import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './support/test';
import { GATEWAY_DATA, startGateway, type FakeGateway } from '../tests/support/gateway';
import { startServer, type RunningServer } from '../tests/support/server';
import { signedIn } from './support/accounts';

// Two servers of our own: one self-hosted, one managed by a platform whose gateway runs on loopback
// in this process. The first account of each is its superadmin, so the admin plugin is open to it.
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

/** No serious or critical accessibility violations on the page as it is now. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('platform plugins, self-hosted: each page says what this app has and what needs a platform', async ({ page }) => {
  const base = selfHosted.url;
  const account = await signedIn(page, base);

  await open(page, base, 'Hosting', 'moz.platform.hosting');
  await expect(page.getByRole('heading', { name: 'Platform Hosting' })).toBeVisible();
  await expect(page.getByTestId('platform-mode')).toHaveText('Self-hosted');
  await expect(page.getByTestId('platform-unavailable')).toContainText('This app is self-hosted: hosting comes from a Mozaiks platform');

  await open(page, base, 'Discover', 'moz.platform.discovery');
  await expect(page.getByTestId('platform-unavailable')).toContainText('the app directory comes from a Mozaiks platform');

  await open(page, base, 'Platform', 'moz.platform.dashboard');
  // The app's own subscription is real (MONETIZATION=0: one unlimited plan); the platform-only services are not.
  await expect(page.getByTestId('subscription-plan')).toHaveText('unlimited · active');
  await expect(page.getByTestId('card-growth').getByTestId('platform-unavailable')).toContainText('self-hosted');
  await expect(page.getByTestId('card-funding').getByTestId('platform-unavailable')).toBeVisible();
  await expectAccessible(page);

  // Identity and billing come from this app's own accounts.
  await open(page, base, 'Accounts', 'moz.platform.admin');
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
  await expectAccessible(page);
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
  await expectAccessible(page);
});
