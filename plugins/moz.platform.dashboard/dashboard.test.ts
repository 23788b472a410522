import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { logger } from '@/lib/runtime/logger';
import { GATEWAY_DATA, startGateway, type FakeGateway } from '@/tests/support/gateway';
import * as logic from './logic';
import manifest from './plugin.json';

let gateway: FakeGateway;
let dashboard: PluginTester;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => gateway.close());
afterEach(async () => {
  await dashboard.close();
  gateway.reset();
});

describe('moz.platform.dashboard', () => {
  it("self-hosted: the app's own subscription, every platform-only section not available", async () => {
    dashboard = await createPluginTester({ manifest, module: logic, env: { MOZAIKS_CONNECTORS: 'off' } });
    const { body } = await dashboard.call('summary');
    expect(body.mode).toBe('self_hosted');
    // MONETIZATION=0: the original's single unlimited plan.
    expect(body.subscription).toMatchObject({ scope: 'app', appId: 'test_app', active: true, plan: 'unlimited', unavailableReason: null });
    for (const section of ['metrics', 'campaigns', 'posts', 'feed']) expect(body[section]).toEqual({ available: false, reason: 'self_hosted' });
  });

  it("development: labelled sample data for every platform-only section, the app's own subscription", async () => {
    dashboard = await createPluginTester({ manifest, module: logic });
    const { body } = await dashboard.call('summary', { period: '7d' });
    expect(body.mode).toBe('mock');
    expect(body.subscription).toMatchObject({ plan: 'unlimited', unavailableReason: null });
    expect(body.subscription).not.toHaveProperty('sample');
    for (const section of ['metrics', 'campaigns', 'posts', 'feed']) expect(body[section]).toMatchObject({ available: true, sample: true });
    expect(body.metrics.metrics.period).toBe('7d');
  });

  it('self-hosted with plans: the subscription the user really has', async () => {
    // A superadmin, whom no plan locks out of the dashboard itself.
    dashboard = await createPluginTester({ manifest, module: logic, env: { MONETIZATION: '1' }, user: { is_superadmin: true } });
    expect((await dashboard.call('summary')).body.subscription).toMatchObject({ active: false, status: 'inactive', plan: 'free' });
  });

  it('managed: every section from the gateway, and one failing service leaves the others', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => {});
    dashboard = await createPluginTester({ manifest, module: logic, env: { MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: gateway.url, MOZAIKS_GATEWAY_RETRIES: '0' } });
    gateway.script('GET /api/funding/campaigns', { raw: 'not json' });
    const { body } = await dashboard.call('summary', { period: '7d' });
    expect(body.subscription).toMatchObject({ active: true, plan: 'pro', unavailableReason: null });
    expect(body.metrics).toEqual({ available: true, metrics: { ...GATEWAY_DATA.metrics, period: '7d' } });
    expect(body.campaigns).toEqual({ available: false, reason: 'invalid_response' });
    expect(body.posts).toEqual({ available: true, posts: GATEWAY_DATA.posts });
    expect(body.feed).toEqual({ available: true, items: GATEWAY_DATA.feed });
    // Every call of one action carries one correlation id.
    expect(new Set(gateway.requests.map((request) => request.headers['x-correlation-id'])).size).toBe(1);
  });
});
