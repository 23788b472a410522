/**
 * The core Billing API's answers for a plugin with tiered entitlements (no built-in plugin has any):
 * feature access by tier, and usage counted by the Director's real reservations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureAccess, usageOf } from '@/lib/connectors/core/billing';
import { database } from '@/lib/db';
import { loadPlugins } from '@/lib/plugins/registry';
import type { PluginModule } from '@/lib/plugins/sdk';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { tieredManifest, tieredPlansConfig } from '../support/tiered-plugin';

const configs = tieredPlansConfig();
const manifest = tieredManifest({ create: { consumes: { reports_per_month: 1 } } });
const reports: PluginModule = { execute: async () => ({ ok: true }) };
const plugin = [...loadPlugins([{ manifest, module: reports }]).values()][0]!;
const find = (name: string) => (name === 'reports' ? plugin : undefined);

let tester: PluginTester;
beforeAll(async () => {
  tester = await createPluginTester({ manifest, module: reports, env: { MONETIZATION: '1', MOZAIKS_PLUGIN_RATE_LIMITS: 'false', MOZAIKS_CONFIGS_PATH: configs } });
  const now = new Date();
  await database({ appId: 'test_app' }).collection('users').insertOne({ _id: 'test_user', username: 'tester', roles: ['user'], disabled: false, auth_provider: 'local', created_at: now, updated_at: now });
});
afterAll(async () => tester.close());

describe('core billing with entitlements', () => {
  it("counts what the user's calls consumed this period", async () => {
    for (let i = 0; i < 3; i++) expect((await tester.call('create')).status).toBe(200);
    const usage = await usageOf('test_app', 'test_user', [plugin]);
    expect(usage).toEqual({
      user_id: 'test_user',
      monetization: true,
      usage: [
        { plugin: 'reports', limit: 'reports_per_month', type: 'consumable', period: new Date().toISOString().slice(0, 7), allowed: 5, used: 3, remaining: 2 },
        { plugin: 'reports', limit: 'pages', type: 'cap', period: null, allowed: 10, used: 0, remaining: 10 },
      ],
    });
    expect(await usageOf('test_app', 'nobody', [plugin])).toBeNull();
  });

  it('answers feature access by tier', async () => {
    expect(await featureAccess('test_app', { user_id: 'test_user', plugin: 'reports', feature: 'export' }, find)).toMatchObject({ allowed: false, tier: 'free', reason: 'feature_not_in_tier' });
    await database({ appId: 'test_app' }).forUser('test_user').collection('subscriptions').insertOne({ plan: 'premium', status: 'active', updated_at: new Date() });
    expect(await featureAccess('test_app', { user_id: 'test_user', plugin: 'reports', feature: 'export' }, find)).toMatchObject({ allowed: true, tier: 'premium', reason: 'feature_enabled' });
    expect(await featureAccess('test_app', { user_id: 'test_user', plugin: 'reports', feature: 'teleport' }, find)).toMatchObject({ allowed: false, reason: 'unknown_feature' });
    expect((await usageOf('test_app', 'test_user', [plugin]))?.usage[0]).toMatchObject({ allowed: -1, remaining: -1 });
  });
});
