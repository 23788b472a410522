import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { database } from '@/lib/db';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { logger } from '@/lib/runtime/logger';
import { startGateway, type FakeGateway } from '@/tests/support/gateway';
import * as logic from './logic';
import manifest from './plugin.json';

let gateway: FakeGateway;
let admin: PluginTester;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => gateway.close());
afterEach(async () => {
  await admin.close();
  gateway.reset();
});

/** Real accounts in this app's users collection, as sign-up and Keycloak provisioning leave them. */
async function seedUsers() {
  const users = database({ appId: 'test_app' }).collection('users');
  const now = new Date('2026-11-01T00:00:00Z');
  await users.insertOne({ _id: 'test_user', username: 'tester', email: 'tester@example.com', full_name: 'Test Er', roles: ['user', 'admin'], disabled: false, auth_provider: 'local', created_at: now, updated_at: now });
  await users.insertOne({ _id: 'bob', username: 'bob', email: null, full_name: null, roles: ['user'], disabled: false, auth_provider: 'local', created_at: now, updated_at: now });
  await users.insertOne({ _id: 'kc', username: 'kc', email: null, full_name: null, roles: ['user'], disabled: false, auth_provider: 'keycloak', external_user_id: 'sub-1', created_at: now, updated_at: now });
}

/** No sample data (development's default): these cases are about this app's own accounts, with the mode saying so. */
const SELF_HOSTED = { MOZAIKS_CONNECTORS: 'off' };

describe('moz.platform.admin, self-hosted', () => {
  it("shows the caller's own account from this app's users, subscriptions and usage", async () => {
    admin = await createPluginTester({ manifest, module: logic, user: { roles: ['user', 'admin'] }, env: SELF_HOSTED });
    await seedUsers();
    const { body } = await admin.call('overview');
    expect(body.mode).toBe('self_hosted');
    expect(body.user).toEqual({
      available: true,
      user: { user_id: 'test_user', username: 'tester', email: 'tester@example.com', full_name: 'Test Er', roles: ['user', 'admin'], is_superadmin: false, disabled: false, auth_provider: 'local', created_at: '2026-11-01T00:00:00.000Z' },
    });
    expect(body.subscription).toEqual({ available: true, subscription: expect.objectContaining({ user_id: 'test_user', monetization: false, plan: 'unlimited', active: true }) });
    expect(body.usage).toEqual({ available: true, usage: { user_id: 'test_user', monetization: false, usage: [] } });
  });

  it('keeps other accounts to superadmins, and lets a superadmin change local roles only', async () => {
    admin = await createPluginTester({ manifest, module: logic, user: { roles: ['user', 'admin'] }, env: SELF_HOSTED });
    await seedUsers();
    expect((await admin.call('lookup_user', { account: 'bob' })).body).toMatchObject({ user: { available: false, reason: 'forbidden' }, subscription: { available: false, reason: 'forbidden' } });
    expect(await admin.call('set_roles', { account: 'bob', roles: ['superadmin'] })).toMatchObject({ status: 403, body: { error_code: 'FORBIDDEN' } });
    expect((await admin.call('check_permission', { account: 'bob', permission: 'superadmin' })).body).toMatchObject({ allowed: false, reason: 'forbidden' });

    const superadmin = admin.as({ is_superadmin: true, roles: ['superadmin'] });
    expect((await superadmin.call('lookup_user', { account: 'bob' })).body.user.user).toMatchObject({ username: 'bob', roles: ['user'] });
    expect((await superadmin.call('lookup_user', { account: 'nobody' })).body).toMatchObject({ user: { available: true, user: null }, subscription: { available: true, subscription: null } });
    expect((await superadmin.call('set_roles', { account: 'bob', roles: ['user', 'editor', 'editor'] })).body).toEqual({ mode: 'self_hosted', user_id: 'bob', roles: ['user', 'editor'] });
    expect((await database({ appId: 'test_app' }).collection('users').findOne({ _id: 'bob' }))?.roles).toEqual(['user', 'editor']);
    expect((await superadmin.call('check_permission', { account: 'bob', permission: 'role:editor' })).body).toMatchObject({ allowed: true, reason: 'has_role' });
    expect((await superadmin.call('check_permission', { account: 'bob', permission: 'plugin:moz.platform.admin' })).body).toMatchObject({ allowed: false, reason: 'plugin_not_allowed' });
    expect((await superadmin.call('check_permission', { account: 'test_user', permission: 'plugin:moz.platform.admin' })).body).toMatchObject({ allowed: true, reason: 'plugin_allowed' });
    expect(await superadmin.call('set_roles', { account: 'kc', roles: ['user'] })).toMatchObject({ status: 409, body: { error_code: 'ROLES_MANAGED_EXTERNALLY' } });
    expect(await superadmin.call('set_roles', { account: 'nobody', roles: ['user'] })).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND' } });
    expect(await superadmin.call('check_permission', { account: 'bob', permission: 'anything' })).toMatchObject({ status: 422 });
  });

  it('is for admins', async () => {
    admin = await createPluginTester({ manifest, module: logic });
    expect(await admin.call('overview')).toMatchObject({ status: 403 });
  });
});

describe('moz.platform.admin, managed', () => {
  it("asks the platform's identity and billing services", async () => {
    admin = await createPluginTester({ manifest, module: logic, user: { roles: ['admin'], user_jwt: 'jwt-1' }, env: { MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: gateway.url } });
    const { body } = await admin.call('lookup_user', { account: 'u42' });
    expect(body).toMatchObject({ mode: 'managed', user: { available: true, user: { username: 'platform_u42' } }, subscription: { available: true, subscription: { plan: 'pro' } } });
    expect(body.usage.usage.usage[0]).toMatchObject({ plugin: 'notes', used: 12 });
    expect(gateway.requests.every((request) => request.headers.authorization === 'Bearer jwt-1')).toBe(true);
  });

  it('reports the platform being down for each section', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => {});
    admin = await createPluginTester({ manifest, module: logic, user: { roles: ['admin'] }, env: { MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: 'http://127.0.0.1:9', MOZAIKS_GATEWAY_RETRIES: '0' } });
    const { body } = await admin.call('overview');
    for (const section of ['user', 'subscription', 'usage']) expect(body[section]).toEqual({ available: false, reason: 'gateway_unreachable' });
    expect((await admin.call('set_roles', { account: 'u1', roles: ['user'] })).body).toMatchObject({ error_code: 'PLATFORM_UNAVAILABLE' });
  });
});
