/**
 * The core Identity and Billing APIs over real HTTP against the production build: platform services
 * get in with INTERNAL_API_KEY or a service-account token holding internal_service; users (superadmins
 * included) get 403 and nobody gets in without credentials (401), each with its error_code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { jsonClient } from '../support/http';
import { startTestIssuer, type TestIssuer } from '../support/jwks-server';
import { startServer, type RunningServer } from '../support/server';

const AUDIENCE = 'mozaiks-api';
const INTERNAL_API_KEY = 'internal-key-for-the-platform-0123456789';
let issuer: TestIssuer;
let server: RunningServer;
let service: Record<string, string>;
let keycloakUser: Record<string, string>;
type Account = Awaited<ReturnType<typeof registerAccount>>;
let owner: Account;
let ann: Account;

const key = { 'x-internal-api-key': INTERNAL_API_KEY };
const call = jsonClient(() => server.url);

beforeAll(async () => {
  issuer = await startTestIssuer({ audience: AUDIENCE });
  server = await startServer({
    env: {
      MOZAIKS_APP_ID: 'core_api_app',
      MONETIZATION: '1',
      INTERNAL_API_KEY,
      KEYCLOAK_ISSUER: issuer.issuer,
      KEYCLOAK_CLIENT_ID: AUDIENCE,
      KEYCLOAK_CLIENT_SECRET: 'unused-here',
      AUTH_LOCAL_ACCOUNTS: 'true',
      MOZAIKS_PLUGIN_RATE_LIMITS: 'false',
    },
  });
  owner = await registerAccount(server.url); // the first account: a superadmin
  ann = await registerAccount(server.url);
  service = { authorization: `Bearer ${await issuer.sign({ sub: 'svc-platform', preferred_username: 'platform-service', realm_access: { roles: ['internal_service'] } })}` };
  keycloakUser = { authorization: `Bearer ${await issuer.sign({ sub: 'kc-user-1', preferred_username: 'kcuser', realm_access: { roles: ['user'] } })}` };
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await issuer?.close();
});

const ROUTES = () => [
  ['GET', `/api/identity/users/${ann.user_id}`, undefined],
  ['GET', `/api/identity/users/${ann.user_id}/roles`, undefined],
  ['PUT', `/api/identity/users/${ann.user_id}/roles`, { roles: ['user'] }],
  ['POST', '/api/identity/check-permission', { user_id: ann.user_id, permission: 'superadmin' }],
  ['GET', `/api/billing/subscription-status/${ann.user_id}`, undefined],
  ['POST', '/api/billing/feature-access', { user_id: ann.user_id, plugin: 'notes' }],
  ['GET', `/api/billing/usage/${ann.user_id}`, undefined],
] as const;

describe('who may call the core APIs', () => {
  it('refuses callers without credentials with 401 AUTH_REQUIRED', async () => {
    for (const [method, path, body] of ROUTES()) {
      const response = await call(path, {}, body, method);
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body).toEqual({ detail: 'Not authenticated', error_code: 'AUTH_REQUIRED' });
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('refuses users, the superadmin and Keycloak users alike with 403 FORBIDDEN', async () => {
    for (const headers of [ann.headers, owner.headers, keycloakUser]) {
      for (const [method, path, body] of ROUTES()) {
        const response = await call(path, headers, body, method);
        expect(response.status, `${method} ${path}`).toBe(403);
        expect(response.body).toEqual({ detail: 'This needs one of the roles: internal_service', error_code: 'FORBIDDEN' });
      }
    }
  });

  it('refuses a wrong internal key (403) and a forged token (401)', async () => {
    const wrong = await call(`/api/identity/users/${ann.user_id}`, { 'x-internal-api-key': `${INTERNAL_API_KEY}x` });
    expect(wrong).toMatchObject({ status: 403, body: { detail: 'Invalid internal API key', error_code: 'FORBIDDEN' } });
    const forged = await call(`/api/identity/users/${ann.user_id}`, { authorization: `Bearer ${service.authorization!.slice(7, -4)}abcd` });
    expect(forged.status).toBe(401);
    expect(forged.body.error_code).toBe('TOKEN_INVALID');
  });

  it('lets the internal key and a service-account token in', async () => {
    for (const headers of [key, service]) {
      for (const [method, path, body] of ROUTES()) expect((await call(path, headers, body, method)).status, `${method} ${path}`).toBe(200);
    }
  });
});

describe('Identity API', () => {
  it('answers a user, and 404 NOT_FOUND for an unknown one', async () => {
    const user = await call(`/api/identity/users/${ann.user_id}`, key);
    expect(user.body).toEqual({
      user_id: ann.user_id,
      username: ann.username,
      email: `${ann.username}@example.com`,
      full_name: `Test ${ann.username}`,
      roles: ['user'],
      is_superadmin: false,
      disabled: false,
      auth_provider: 'local',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(user.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await call('/api/identity/users/nobody', key)).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND', detail: "User 'nobody' not found" } });
    expect(await call('/api/identity/users/nobody/roles', service)).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND' } });
  });

  it('replaces roles, and the user holds them on their very next call', async () => {
    const bob = await registerAccount(server.url);
    expect((await call('/api/execute/moz.platform.admin', bob.headers, { action: 'overview' })).status).toBe(403);
    const changed = await call(`/api/identity/users/${bob.user_id}/roles`, service, { roles: ['user', 'admin', 'admin'] }, 'PUT');
    expect(changed).toMatchObject({ status: 200, body: { user_id: bob.user_id, roles: ['user', 'admin'] } });
    expect((await call(`/api/identity/users/${bob.user_id}/roles`, key)).body).toEqual({ user_id: bob.user_id, roles: ['user', 'admin'] });
    const overview = await call('/api/execute/moz.platform.admin', bob.headers, { action: 'overview' });
    expect(overview.status).toBe(200);
    expect(overview.body.user.user.roles).toEqual(['user', 'admin']);
    // Recorded where operators look.
    const audit = await call('/__mozaiks/admin/audit', owner.headers);
    expect(audit.body.items[0]).toMatchObject({ action: 'updateRoles', target: bob.user_id, actor_name: 'platform-service', details: { roles: ['user', 'admin'] } });
  });

  it("refuses to change the roles of a Keycloak account (409), whose tokens carry them", async () => {
    const me = await call('/api/auth/me', keycloakUser);
    const response = await call(`/api/identity/users/${me.body.user_id}/roles`, key, { roles: ['admin'] }, 'PUT');
    expect(response).toMatchObject({ status: 409, body: { error_code: 'ROLES_MANAGED_EXTERNALLY' } });
  });

  it('checks permissions', async () => {
    const check = async (user_id: string, permission: string) => (await call('/api/identity/check-permission', key, { user_id, permission })).body;
    expect(await check(owner.user_id, 'superadmin')).toEqual({ user_id: owner.user_id, permission: 'superadmin', allowed: true, reason: 'is_superadmin' });
    expect(await check(ann.user_id, 'superadmin')).toMatchObject({ allowed: false, reason: 'not_superadmin' });
    expect(await check(ann.user_id, 'role:user')).toMatchObject({ allowed: true, reason: 'has_role' });
    // Ann is on the premium trial, which unlocks every plugin; a plugin that needs a role stays closed.
    expect(await check(ann.user_id, 'plugin:notes')).toMatchObject({ allowed: true, reason: 'plugin_allowed' });
    expect(await check(ann.user_id, 'plugin:moz.platform.admin')).toMatchObject({ allowed: false, reason: 'plugin_not_allowed' });
    expect(await check(ann.user_id, 'plugin:nothing_here')).toMatchObject({ allowed: false, reason: 'unknown_plugin' });
    expect(await check('nobody', 'role:user')).toMatchObject({ allowed: false, reason: 'user_not_found' });
  });

  it('refuses bad input with 4xx {detail, error_code}', async () => {
    expect(await call('/api/identity/check-permission', key, { user_id: ann.user_id, permission: 'everything' })).toMatchObject({ status: 422, body: { error_code: 'VALIDATION_ERROR', errors: [{ path: '$.permission' }] } });
    expect(await call('/api/identity/check-permission', key, '{not json')).toMatchObject({ status: 400, body: { error_code: 'INVALID_JSON' } });
    expect(await call(`/api/identity/users/${ann.user_id}/roles`, key, { roles: 'admin' }, 'PUT')).toMatchObject({ status: 422, body: { error_code: 'VALIDATION_ERROR' } });
    expect(await call(`/api/identity/users/${ann.user_id}/roles`, key, { roles: ['no spaces allowed'] }, 'PUT')).toMatchObject({ status: 422 });
    expect(await call(`/api/identity/users/${ann.user_id}`, key, {}, 'DELETE')).toMatchObject({ status: 405, body: { error_code: 'METHOD_NOT_ALLOWED' } });
  });
});

describe('Billing API', () => {
  it("answers a user's subscription as the control plane set it", async () => {
    expect((await call(`/api/billing/subscription-status/${ann.user_id}`, key)).body).toMatchObject({ user_id: ann.user_id, monetization: true, plan: 'premium', status: 'trialing', active: true, is_trial: true, trial_end_date: expect.any(String) });
    await call('/api/internal/subscription/sync', key, { userId: ann.user_id, plan: 'basic', status: 'active', next_billing_date: '2027-01-01T00:00:00Z' });
    expect((await call(`/api/billing/subscription-status/${ann.user_id}`, service)).body).toEqual({
      user_id: ann.user_id, monetization: true, plan: 'basic', status: 'active', active: true, is_trial: false, trial_end_date: null, next_billing_date: '2027-01-01T00:00:00.000Z',
    });
    expect(await call('/api/billing/subscription-status/nobody', key)).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND' } });
  });

  it('answers feature access from the plan', async () => {
    const carl = await registerAccount(server.url);
    await call('/api/internal/subscription/sync', key, { userId: carl.user_id, plan: 'free', status: 'active' });
    const access = async (body: Record<string, unknown>) => (await call('/api/billing/feature-access', key, body)).body;
    expect(await access({ user_id: carl.user_id, plugin: 'notes' })).toEqual({ user_id: carl.user_id, plugin: 'notes', feature: null, allowed: false, tier: null, reason: 'plugin_not_allowed' });
    await call('/api/internal/subscription/sync', key, { userId: carl.user_id, plan: 'premium', status: 'active' });
    expect(await access({ user_id: carl.user_id, plugin: 'notes' })).toMatchObject({ allowed: true, reason: 'plugin_allowed' });
    expect(await access({ user_id: carl.user_id, plugin: 'notes', feature: 'export' })).toMatchObject({ allowed: false, reason: 'unknown_feature' });
    expect(await call('/api/billing/feature-access', key, { user_id: carl.user_id })).toMatchObject({ status: 422, body: { error_code: 'VALIDATION_ERROR', errors: [{ path: '$.plugin' }] } });
  });

  it('answers usage (no built-in plugin meters anything) and 404 for an unknown user', async () => {
    expect((await call(`/api/billing/usage/${ann.user_id}`, key)).body).toEqual({ user_id: ann.user_id, monetization: true, usage: [] });
    expect(await call('/api/billing/usage/nobody', key)).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND' } });
  });
});

describe('the OpenAPI description', () => {
  it('describes the Director, the Identity and Billing APIs and the payment proxy from their schemas', async () => {
    const { status, body } = await call('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/billing/feature-access',
        '/api/billing/subscription-status/{user_id}',
        '/api/billing/usage/{user_id}',
        '/api/execute/{plugin}',
        '/api/identity/check-permission',
        '/api/identity/users/{user_id}',
        '/api/identity/users/{user_id}/roles',
        '/api/mozaiks/pay/cancel',
        '/api/mozaiks/pay/checkout',
        '/api/mozaiks/pay/subscription-status',
      ]),
    );
    const put = body.paths['/api/identity/users/{user_id}/roles'].put;
    expect(put.security).toEqual([{ internalApiKey: [] }, { bearer: [] }]);
    expect(put.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', required: ['roles'], properties: { roles: { type: 'array', maxItems: 50 } } });
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '404', '409', '422']));
    // A checkout that cannot happen: 501 self-hosted, 503 when the gateway failed.
    expect(Object.keys(body.paths['/api/mozaiks/pay/checkout'].post.responses)).toEqual(expect.arrayContaining(['400', '403', '429', '501', '503']));
    expect(body.paths['/api/billing/feature-access'].post.responses['200'].content['application/json'].schema.required).toEqual(['user_id', 'plugin', 'feature', 'allowed', 'tier', 'reason']);
  });
});
