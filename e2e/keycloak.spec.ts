import { expect, test } from './support/test';
import { startServer, type RunningServer } from '../tests/support/server';

/**
 * Signing in through a real Keycloak (started by .ci/run with keycloak/mozaiks-realm.json; set
 * KEYCLOAK_TEST_URL to run locally, e.g. after `bash scripts/ci/keycloak.sh`).
 */
const keycloakUrl = process.env.KEYCLOAK_TEST_URL;
if (!keycloakUrl && process.env.CI) throw new Error('CI must run the Keycloak journey: .ci/run starts Keycloak and sets KEYCLOAK_TEST_URL');

// The realm's client allows redirects back to this port only (see keycloak/mozaiks-realm.json).
const APP_PORT = 3200;

test.describe('Keycloak sign-in', () => {
  test.skip(!keycloakUrl, 'KEYCLOAK_TEST_URL is not set');
  test.describe.configure({ mode: 'serial' });

  let app: RunningServer;

  test.beforeAll(async () => {
    app = await startServer({
      port: APP_PORT,
      env: {
        KEYCLOAK_ISSUER: `${keycloakUrl}/realms/mozaiks`,
        KEYCLOAK_CLIENT_ID: 'mozaiks-app',
        KEYCLOAK_CLIENT_SECRET: 'mozaiks-app-dev-secret',
        AUTH_AUDIENCE: 'mozaiks-api',
      },
    });
  });

  test.afterAll(async () => {
    await app?.stop();
  });

  test('signs in on the Keycloak page, shows name and roles, calls the API, and signs out of Keycloak too', async ({ page }) => {
    await page.goto(`${app.url}/`);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByLabel('Username')).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();

    await expect(page).toHaveURL(new RegExp(`^${keycloakUrl}/realms/mozaiks/`));
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('admin-password');
    await page.locator('#kc-login').click();

    await expect(page).toHaveURL(`${app.url}/`);
    await expect(page.getByTestId('user-name')).toHaveText('Ada Admin');
    await page.getByTestId('user-menu').locator('summary').click();
    const roles = page.getByTestId('user-roles');
    await expect(roles).toContainText('superadmin');
    await expect(roles).toContainText('user');
    await expect(roles).not.toContainText('offline_access');

    const me = await page.request.get(`${app.url}/api/auth/me`);
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'admin', email: 'admin@example.com', full_name: 'Ada Admin', is_superadmin: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${app.url}/sign-in?signed_out=1`);
    expect((await page.request.get(`${app.url}/api/auth/me`)).status()).toBe(401);

    // The Keycloak session is gone too: signing in again asks for the password.
    await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
    await expect(page).toHaveURL(new RegExp(`^${keycloakUrl}/realms/mozaiks/`));
    await expect(page.locator('#password')).toBeVisible();
  });

  test('a Keycloak access token from the password grant works as Bearer', async ({ request }) => {
    const tokenResponse = await request.post(`${keycloakUrl}/realms/mozaiks/protocol/openid-connect/token`, {
      form: { grant_type: 'password', client_id: 'mozaiks-app', client_secret: 'mozaiks-app-dev-secret', username: 'alice', password: 'alice-password', scope: 'openid' },
    });
    expect(tokenResponse.status()).toBe(200);
    const { access_token } = await tokenResponse.json();
    const me = await request.get(`${app.url}/api/auth/me`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'alice', roles: ['user'], is_superadmin: false });
  });
});
