import { expect, test } from './support/test';
import { makeConfigDir } from '../tests/support/config-dir';
import { startTestIssuer, type TestIssuer } from '../tests/support/jwks-server';
import { startServer, type RunningServer } from '../tests/support/server';
import { createAccount, signIn } from './support/accounts';

// Its own server: MONETIZATION=1, no trial, Notes only on the premium plan, users may change their own plan.
let server: RunningServer;
let issuer: TestIssuer;
test.beforeAll(async () => {
  issuer = await startTestIssuer({ audience: 'mozaiks-api' });
  const configs = makeConfigDir({
    'subscription_config.json': {
      settings: { default_plan: 'free' },
      subscription_plans: [
        { name: 'free', display_name: 'Free', price: 0, features: ['Task Manager'], plugins_unlocked: ['task_manager'] },
        { name: 'premium', display_name: 'Premium', price: 19.99, features: ['Every plugin'], plugins_unlocked: ['*'] },
      ],
    },
  });
  server = await startServer({
    env: {
      MOZAIKS_APP_ID: 'paid_e2e',
      MONETIZATION: '1',
      MOZAIKS_CONFIGS_PATH: configs,
      KEYCLOAK_ISSUER: issuer.issuer,
      KEYCLOAK_CLIENT_ID: 'mozaiks-api',
      KEYCLOAK_CLIENT_SECRET: 'unused-here',
      AUTH_LOCAL_ACCOUNTS: 'true',
      // Users may switch and cancel their own plan (the second journey).
      ALLOW_LOCAL_SUBSCRIPTION_WRITES: 'true',
    },
  });
});
test.afterAll(async () => {
  await server?.stop();
  await issuer?.close();
});

test('plans: a premium plugin is locked on the free plan everywhere, and a sync unlocks it without a restart', async ({ page }) => {
  const base = server.url;
  await createAccount(page, base); // the app's first account is its superadmin, who sees everything
  const account = await createAccount(page, base);
  await signIn(page, account, base);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Task Manager' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Notes' })).toHaveCount(0);

  await page.goto(`${base}/plugins/notes`);
  await expect(page.getByTestId('plugin-locked')).toContainText('Your plan or role does not include Notes');
  expect((await page.request.post(`${base}/api/execute/notes`, { data: { action: 'list' } })).status()).toBe(403);

  await page.goto(`${base}/subscriptions`);
  await expect(page.getByTestId('your-plan')).toContainText('Your plan: Free');
  await expect(page.getByTestId('plan-premium')).toContainText('$19.99 / month');

  // The control plane moves the user to premium.
  const me = await (await page.request.get(`${base}/api/auth/me`)).json();
  const token = await issuer.sign({ sub: 'svc-billing', preferred_username: 'billing', realm_access: { roles: ['internal_service'] } });
  const synced = await page.request.post(`${base}/api/internal/subscription/sync`, {
    headers: { authorization: `Bearer ${token}` },
    data: { userId: me.user_id, plan: 'premium', status: 'active' },
  });
  expect(synced.status()).toBe(200);

  await page.goto(`${base}/plugins/notes`);
  await expect(page.getByTestId('plugin-locked')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Notes', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notes' })).toBeVisible();
  await page.goto(`${base}/subscriptions`);
  await expect(page.getByTestId('your-plan')).toContainText('Your plan: Premium');
});

test('plans: a user upgrades at once, and a downgrade or a cancellation asks first; each says how it went', async ({ page }) => {
  const base = server.url;
  const account = await createAccount(page, base);
  await signIn(page, account, base);
  await page.goto(`${base}/subscriptions`);
  const yourPlan = page.getByTestId('your-plan');
  await expect(yourPlan).toContainText('Your plan: Free');

  await page.getByTestId('plan-premium').getByRole('button', { name: 'Switch to Premium' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Plan changed' })).toBeVisible();
  await expect(yourPlan).toContainText('Your plan: Premium');

  // Going back to the free plan takes features away: it asks, and "Keep my plan" keeps it.
  await page.getByTestId('plan-free').getByRole('button', { name: 'Switch to Free' }).click();
  const downgrade = page.getByRole('alertdialog', { name: 'Switch to Free?' });
  await downgrade.getByRole('button', { name: 'Keep my plan' }).click();
  await expect(downgrade).toHaveCount(0);
  await expect(yourPlan).toContainText('Your plan: Premium');

  await yourPlan.getByRole('button', { name: 'Cancel subscription' }).click();
  await page.getByRole('alertdialog', { name: 'Cancel your subscription?' }).getByRole('button', { name: 'Cancel subscription' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Subscription canceled' })).toBeVisible();
  await expect(yourPlan).toContainText('Your plan: Free');

  // A change the server refuses is said in a toast and beside the button.
  await page.route('**/api/update-subscription', (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ detail: 'Billing is busy. Try again.', error_code: 'SERVICE_UNAVAILABLE' }) }),
  );
  const premium = page.getByTestId('plan-premium');
  await premium.getByRole('button', { name: 'Switch to Premium' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Your plan was not changed' })).toContainText('Billing is busy. Try again.');
  await expect(premium.getByRole('alert')).toHaveText('Billing is busy. Try again.');
  await expect(yourPlan).toContainText('Your plan: Free');
});
