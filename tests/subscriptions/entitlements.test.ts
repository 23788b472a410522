/**
 * Per-plugin entitlements through the Director (MONETIZATION=1): features by tier, a consumable
 * limit spent exactly under concurrency, refunds for failed calls, and a new allowance each period.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { database } from '@/lib/db';
import type { PluginModule } from '@/lib/plugins/sdk';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { logger } from '@/lib/runtime/logger';
import { tieredManifest, tieredPlansConfig } from '../support/tiered-plugin';

const configs = tieredPlansConfig();
const manifest = tieredManifest(
  {
    create: { consumes: { reports_per_month: 1 } },
    broken: { consumes: { reports_per_month: 1 } },
    refused: { consumes: { reports_per_month: 1 } },
    export: { requires_features: ['export'] },
    print: { consumes: { pages: 50 } },
  },
  { rate_limit: { requests_per_minute: 1000 } },
);

/** The original contract, so the test can see what the Director injected. */
const reports: PluginModule = {
  execute: async (data) => {
    if (data.action === 'broken') throw new Error('disk full');
    if (data.action === 'refused') return { error: 'Not today', error_code: 'VALIDATION_ERROR' };
    return { ok: true, entitlements: data._entitlements };
  },
};

let tester: PluginTester | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await tester?.close();
  tester = undefined;
});

const start = async (plan?: string) => {
  tester = await createPluginTester({ manifest, module: reports, env: { MONETIZATION: '1', MOZAIKS_PLUGIN_RATE_LIMITS: 'false', MOZAIKS_CONFIGS_PATH: configs } });
  if (plan) await database({ appId: 'test_app' }).forUser('test_user').collection('subscriptions').insertOne({ plan, status: 'active', updated_at: new Date() });
  return tester;
};

describe('entitlements', () => {
  it('spends a consumable limit exactly under 20 concurrent calls', async () => {
    const plugin = await start();
    const results = await Promise.all(Array.from({ length: 20 }, () => plugin.call('create')));
    expect(results.filter((result) => result.status === 200)).toHaveLength(5);
    const refused = results.filter((result) => result.status === 429);
    expect(refused).toHaveLength(15);
    expect(refused[0]!.body).toMatchObject({ error_code: 'LIMIT_EXCEEDED', detail: 'Insufficient reports_per_month: need 1, have 0' });
    const usage = await database({ appId: 'test_app' }).forUser('test_user').collection('entitlement_usage').find({});
    expect(usage).toEqual([expect.objectContaining({ plugin: 'reports', limit_key: 'reports_per_month', used: 5 })]);
  });

  it('starts a new allowance each period', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T23:00:00Z'));
    const plugin = await start();
    for (let index = 0; index < 5; index++) expect((await plugin.call('create')).status).toBe(200);
    expect((await plugin.call('create')).status).toBe(429);
    vi.setSystemTime(new Date('2026-12-01T00:30:00Z'));
    expect((await plugin.call('create')).body.entitlements.limits.reports_per_month).toEqual({ allowed: 5, used: 1, remaining: 4 });
  });

  it('gives the allowance back when the call fails', async () => {
    const plugin = await start();
    const quiet = vi.spyOn(logger, 'error').mockImplementation(() => {});
    expect((await plugin.call('broken')).status).toBe(500);
    expect((await plugin.call('refused')).status).toBe(422);
    quiet.mockRestore();
    expect((await plugin.call('create')).body.entitlements.limits.reports_per_month).toEqual({ allowed: 5, used: 1, remaining: 4 });
  });

  it('gates features and caps by tier, and tells the plugin its entitlements', async () => {
    const free = await start();
    expect(await free.call('export')).toMatchObject({ status: 403, body: { error_code: 'FEATURE_GATED', detail: "Feature 'export' not available on free tier" } });
    expect(await free.call('print')).toMatchObject({ status: 429, body: { detail: 'Insufficient pages: need 50, have 10' } });
    await tester!.close();

    const premium = await start('premium');
    expect((await premium.call('export')).status).toBe(200);
    expect((await premium.call('print')).status).toBe(200);
    const { entitlements } = (await premium.call('create')).body;
    expect(entitlements).toEqual({
      tier: 'premium',
      features: { export: true },
      limits: { reports_per_month: { allowed: -1, used: 0, remaining: -1 }, pages: { allowed: 100, used: 0, remaining: 100 } },
      enforce: true,
    });
  });

  it('enforces nothing with MONETIZATION=0', async () => {
    tester = await createPluginTester({ manifest, module: reports });
    expect((await tester.call('export')).body).toEqual({ ok: true, entitlements: {} });
  });
});
