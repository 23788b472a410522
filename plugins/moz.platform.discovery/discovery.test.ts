import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { logger } from '@/lib/runtime/logger';
import { GATEWAY_DATA, startGateway, type FakeGateway } from '@/tests/support/gateway';
import * as logic from './logic';
import manifest from './plugin.json';

let gateway: FakeGateway;
let discovery: PluginTester;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => gateway.close());
afterEach(async () => {
  await discovery.close();
  gateway.reset();
});

describe('moz.platform.discovery', () => {
  it('is not available self-hosted', async () => {
    discovery = await createPluginTester({ manifest, module: logic, env: { MOZAIKS_CONNECTORS: 'off' } });
    expect((await discovery.call('search', { query: 'crm' })).body).toEqual({ mode: 'self_hosted', available: false, reason: 'self_hosted' });
    expect((await discovery.call('featured')).body).toEqual({ mode: 'self_hosted', available: false, reason: 'self_hosted' });
  });

  it('searches a labelled sample directory with MOZAIKS_CONNECTORS=mock', async () => {
    discovery = await createPluginTester({ manifest, module: logic, env: { MOZAIKS_CONNECTORS: 'mock' } });
    expect((await discovery.call('search', { query: 'kanban' })).body).toMatchObject({ mode: 'mock', available: true, sample: true, apps: [{ name: 'Taskflow' }], total: 1 });
    expect(gateway.requests).toHaveLength(0);
  });

  it('searches the platform directory when managed', async () => {
    discovery = await createPluginTester({ manifest, module: logic, env: { MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: gateway.url } });
    expect((await discovery.call('search', { query: 'kanban', limit: 5 })).body).toEqual({ mode: 'managed', available: true, apps: [GATEWAY_DATA.directory[0]], total: 1 });
    expect(gateway.requests[0]?.query).toEqual({ q: 'kanban', limit: '5' });
    expect((await discovery.call('featured')).body).toMatchObject({ available: true, apps: [{ app_id: 'taskflow' }] });
  });

  it('reports a timeout as such, and refuses bad input', async () => {
    vi.spyOn(logger, 'warn').mockImplementation(() => {});
    discovery = await createPluginTester({ manifest, module: logic, env: { MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: gateway.url, MOZAIKS_GATEWAY_TIMEOUT_MS: '100' } });
    gateway.script('GET /api/discovery/featured', { delayMs: 600, body: { apps: [] } });
    expect((await discovery.call('featured')).body).toEqual({ mode: 'managed', available: false, reason: 'gateway_timeout' });
    expect((await discovery.call('search', { limit: 500 })).status).toBe(422);
  });
});
