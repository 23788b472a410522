import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { logger } from '@/lib/runtime/logger';
import { GATEWAY_DATA, startGateway, type FakeGateway } from '@/tests/support/gateway';
import * as logic from './logic';
import manifest from './plugin.json';

let gateway: FakeGateway;
let hosting: PluginTester;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => gateway.close());
afterEach(async () => {
  await hosting.close();
  gateway.reset();
});

const managed = () => ({ MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: gateway.url, MOZAIKS_GATEWAY_RETRIES: '0' });

describe('moz.platform.hosting', () => {
  it('says hosting is not available when the app is self-hosted, without calling anything', async () => {
    hosting = await createPluginTester({ manifest, module: logic, env: { MOZAIKS_CONNECTORS: 'off' } });
    expect(await hosting.call('list_apps')).toMatchObject({ status: 200, body: { mode: 'self_hosted', available: false, reason: 'self_hosted' } });
    expect((await hosting.call('app_status', { app: 'acme_crm' })).body).toEqual({ mode: 'self_hosted', available: false, reason: 'self_hosted' });
    expect(gateway.requests).toHaveLength(0);
  });

  it('lists sample apps, labelled, in development without a platform', async () => {
    hosting = await createPluginTester({ manifest, module: logic });
    const { body } = await hosting.call('list_apps');
    expect(body).toMatchObject({ mode: 'mock', available: true, sample: true, apps: [{ app_id: 'test_app', status: 'running' }, {}, {}] });
    expect((await hosting.call('app_status', { app: 'test_app' })).body).toMatchObject({ mode: 'mock', available: true, sample: true, app: { app_id: 'test_app' } });
    expect(gateway.requests).toHaveLength(0);
  });

  it("lists the caller's platform apps through the gateway, with the caller's token", async () => {
    hosting = await createPluginTester({ manifest, module: logic, env: managed(), user: { user_jwt: 'jwt-of-ada' } });
    expect((await hosting.call('list_apps')).body).toEqual({ mode: 'managed', available: true, apps: GATEWAY_DATA.apps });
    expect(gateway.requests[0]?.headers.authorization).toBe('Bearer jwt-of-ada');
    expect((await hosting.call('app_status', { app: 'acme_blog' })).body).toMatchObject({ available: true, app: { status: 'stopped' } });
  });

  it('reports a failing gateway as a result, not an error', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => {});
    hosting = await createPluginTester({ manifest, module: logic, env: managed() });
    gateway.script('GET /api/hosting/apps', { status: 503 });
    expect(await hosting.call('list_apps')).toMatchObject({ status: 200, body: { mode: 'managed', available: false, reason: 'gateway_error' } });
    expect(await hosting.call('app_status', {})).toMatchObject({ status: 422, body: { error_code: 'VALIDATION_ERROR' } });
  });
});
