/**
 * Subscriptions with MONETIZATION=1 against the production build: a new user's trial, plans that
 * gate plugins everywhere, plan changes only from the control plane (an internal-service identity),
 * and each change taking effect at once, without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { jsonClient } from '../support/http';
import { startTestIssuer, type TestIssuer } from '../support/jwks-server';
import { startServer, type RunningServer } from '../support/server';

const AUDIENCE = 'mozaiks-api';
let issuer: TestIssuer;
let server: RunningServer;
let internal: Record<string, string>;
type Account = Awaited<ReturnType<typeof registerAccount>>;
let admin: Account;

beforeAll(async () => {
  issuer = await startTestIssuer({ audience: AUDIENCE });
  server = await startServer({
    env: {
      MOZAIKS_APP_ID: 'subs_app',
      MONETIZATION: '1',
      KEYCLOAK_ISSUER: issuer.issuer,
      KEYCLOAK_CLIENT_ID: AUDIENCE,
      KEYCLOAK_CLIENT_SECRET: 'unused-here',
      AUTH_LOCAL_ACCOUNTS: 'true',
      MOZAIKS_PLUGIN_RATE_LIMITS: 'false',
    },
  });
  admin = await registerAccount(server.url); // the first account: a superadmin
  internal = { authorization: `Bearer ${await issuer.sign({ sub: 'svc-billing', preferred_username: 'billing-service', realm_access: { roles: ['internal_service'] } })}` };
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await issuer?.close();
});

const call = jsonClient(() => server.url);
const sync = (body: unknown, headers = internal) => call('/api/internal/subscription/sync', headers, body);
const plugins = async (account: Account) => (await call('/api/available-plugins', account.headers)).body.plugins.map((plugin: { name: string }) => plugin.name);

describe('subscriptions', () => {
  it('starts a new user on the configured trial, which unlocks the premium plugins', async () => {
    const ann = await registerAccount(server.url);
    const subscription = (await call('/api/user-subscription', ann.headers)).body;
    expect(subscription).toMatchObject({ user_id: ann.user_id, plan: 'premium', status: 'trialing', is_trial: true, trial_info: { days_remaining: 14 } });
    expect(await plugins(ann)).toEqual(expect.arrayContaining(['notes', 'task_manager']));
    const plans = (await call('/api/subscription-plans', ann.headers)).body;
    expect(plans.subscription_plans.map((plan: { name: string }) => plan.name)).toEqual(['free', 'basic', 'premium']);
  });

  it('locks plugins the plan does not include everywhere, and a sync unlocks them without a restart', async () => {
    const bob = await registerAccount(server.url);
    expect(await sync({ userId: bob.user_id, plan: 'free', status: 'active' })).toMatchObject({ status: 200, body: { success: true, user_id: bob.user_id, plan: 'free', status: 'active' } });

    expect(await plugins(bob)).not.toContain('notes');
    expect((await call('/api/navigation', bob.headers)).body.navigation.map((item: { path: string }) => item.path)).not.toContain('/plugins/notes');
    const refused = await call('/api/execute/notes', bob.headers, { action: 'list' });
    expect(refused).toMatchObject({ status: 403, body: { error_code: 'FEATURE_GATED' } });
    expect((await call('/api/plugin-settings/notes', bob.headers)).status).toBe(403);
    expect((await call('/api/check-plugin-access/notes', bob.headers)).body.access).toBe(false);
    const typesOf = async () => (await call('/api/notifications/config', bob.headers)).body.config.notifications.map((type: { id: string }) => type.id);
    expect(await typesOf()).not.toContain('task_manager_task_due');

    await sync({ user_id: bob.user_id, plan: 'premium', status: 'active', next_billing_date: '2026-12-22T00:00:00Z' });
    expect((await call('/api/execute/notes', bob.headers, { action: 'list' })).status).toBe(200);
    expect(await typesOf()).toContain('task_manager_task_due');
    expect((await call('/api/user-subscription', bob.headers)).body).toMatchObject({ plan: 'premium', status: 'active', is_trial: false, next_billing_date: '2026-12-22T00:00:00.000Z' });

    // Each change reaches the user as a notification (lib/notifications reacts to the subscription event, a moment later).
    const inbox = async () => (await call('/api/notifications', bob.headers)).body.notifications.map((notification: { title: string; message: string }) => notification.message);
    await expect.poll(inbox).toContain('You are now on the Premium plan.');

    // A canceled subscription falls back to the default plan.
    await sync({ userId: bob.user_id, plan: 'premium', status: 'canceled' });
    expect((await call('/api/execute/notes', bob.headers, { action: 'list' })).status).toBe(403);
  });

  it('refuses plan changes from users, and the sync from anyone but an internal service', async () => {
    const cat = await registerAccount(server.url);
    expect(await call('/api/update-subscription', cat.headers, { new_plan: 'premium' })).toMatchObject({ status: 403, body: { error_code: 'SUBSCRIPTION_WRITE_FORBIDDEN' } });
    expect((await call('/api/cancel-subscription', cat.headers, {})).status).toBe(403);
    expect((await call('/api/update-subscription', cat.headers, {})).body.detail).toContain('New plan is required');

    expect((await sync({ userId: cat.user_id, plan: 'premium', status: 'active' }, cat.headers)).status).toBe(403);
    expect((await sync({ userId: cat.user_id, plan: 'premium', status: 'active' }, admin.headers)).status).toBe(403);
    expect((await sync({ userId: cat.user_id, plan: 'premium', status: 'active' }, {})).status).toBe(401);
  });

  it('explains a bad sync', async () => {
    const dan = await registerAccount(server.url);
    expect(await sync({ userId: dan.user_id, plan: 'gold', status: 'active' })).toMatchObject({ status: 400, body: { error_code: 'INVALID_PLAN' } });
    expect(await sync({ userId: 'nobody', plan: 'free', status: 'active' })).toMatchObject({ status: 404 });
    const badStatus = await sync({ userId: dan.user_id, plan: 'free', status: 'paused' });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.detail).toContain('status must be one of');
    expect((await sync({ userId: dan.user_id, plan: 'free', status: 'active', appId: 'other_app' })).status).toBe(400);
    expect((await sync({ plan: 'free', status: 'active' })).body.detail).toContain('userId is required');
  });
});

describe('subscriptions with MONETIZATION=0', () => {
  it('has no subscription routes, and every plugin is open', async () => {
    const plain = await startServer({ env: { MOZAIKS_APP_ID: 'plain_app' } });
    try {
      const eve = await registerAccount(plain.url);
      for (const path of ['/api/user-subscription', '/api/subscription-plans']) {
        expect((await fetch(`${plain.url}${path}`, { headers: eve.headers })).status, path).toBe(404);
      }
      const available = await (await fetch(`${plain.url}/api/available-plugins`, { headers: eve.headers })).json();
      expect(available.plugins.map((plugin: { name: string }) => plugin.name)).toEqual(expect.arrayContaining(['notes', 'task_manager']));
    } finally {
      await plain.stop();
    }
  }, 60_000);
});
