import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_STORE_WARN_BYTES } from '@/lib/db';
import { registerAccount } from '../support/accounts';
import { visibleText } from '../support/html';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'acme_http', APP_TIER: 'pro' } });
});

afterAll(async () => {
  await server?.stop();
});

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

describe('runtime routes (custom server)', () => {
  it('GET /health reports liveness in the original shape', async () => {
    const response = await get('/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mozaiks-runtime-version')).toBe('1.0.0');
    // Every plugin of the build, which a plain user may all use here (no roles, no monetization).
    const { headers } = await registerAccount(server.url);
    const { plugins } = await (await get('/api/plugins', { headers })).json();
    expect(await response.json()).toEqual({ status: 'healthy', app_id: 'acme_http', app_tier: 'pro', plugins_loaded: plugins.length });
    expect(plugins.length).toBeGreaterThan(0);
  });

  it('GET /ready answers 200 once start-up is complete', async () => {
    const response = await get('/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      app_id: 'acme_http',
      app_tier: 'pro',
      details: { database: { kind: 'embedded', documents: expect.any(Number), bytes: expect.any(Number), warn_bytes: EMBEDDED_STORE_WARN_BYTES } },
    });
  });

  it('GET /info describes the runtime', async () => {
    expect(await (await get('/info')).json()).toEqual({
      app_id: 'acme_http',
      app_tier: 'pro',
      app_name: 'Mozaiks',
      port: server.port,
      ready: true,
      runtime_version: '1.0.0',
      realtime: true,
    });
  });

  it('GET /api/app-config and /api/theme-config serve the configs', async () => {
    expect(await (await get('/api/app-config')).json()).toEqual({
      monetization_enabled: false,
      app_name: 'Mozaiks',
      app_version: '1.0.0',
      env: 'development',
    });
    const theme = await (await get('/api/theme-config')).json();
    expect(theme.branding.app_name).toBe('Mozaiks');
    expect(theme.available_themes.map((t: { id: string }) => t.id)).toEqual(['light', 'dark']);
  });

  it('answers unknown /api paths with a JSON 404 for every method', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const response = await get('/api/nope/deeper', { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ detail: `No API route matches ${method} /api/nope/deeper`, error_code: 'NOT_FOUND' });
    }
  });

  it('keeps the benchmarks\' bare baseline route closed unless MOZAIKS_BENCH_BASELINE is set', async () => {
    const response = await get('/api/bench/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'No API route matches POST /api/bench/notes', error_code: 'NOT_FOUND' });
  });

  it('answers a wrong method with a JSON 405 and Allow', async () => {
    const response = await get('/api/app-config', { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect((await response.json()).error_code).toBe('METHOD_NOT_ALLOWED');
  });

  it('times every /api response with X-Process-Time', async () => {
    for (const path of ['/api/app-config', '/api/nope']) {
      const value = (await get(path)).headers.get('x-process-time');
      expect(value).toMatch(/^\d+\.\d+$/);
    }
  });

  it('sends X-Mozaiks-Runtime-Version on pages, the 404 page and static files too', async () => {
    const { headers } = await registerAccount(server.url);
    for (const path of ['/', '/sign-in', '/no-such-page', '/favicon.svg']) {
      const response = await get(path, { headers });
      expect(response.headers.get('x-mozaiks-runtime-version'), path).toBe('1.0.0');
    }
    expect((await get('/no-such-page', { headers })).status).toBe(404);
  });

  it('sends visitors to sign in, with a real redirect that brings them back', async () => {
    const response = await get('/some/page?tab=2', { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('/sign-in?callbackUrl=%2Fsome%2Fpage%3Ftab%3D2');
    expect(visibleText(await (await get('/sign-in')).text())).toContain('Sign in');
  });

  it('renders the shell on the server for a signed-in user', async () => {
    const { headers } = await registerAccount(server.url);
    const html = await (await get('/', { headers })).text();
    expect(visibleText(html)).toContain('Welcome to Mozaiks');
    expect(html.includes('<html lang="en" data-theme="light" data-realtime="socket">'), 'default theme and live updates over the socket on <html>').toBe(true);
    expect(html.includes('html[data-theme="dark"]{color-scheme:dark;'), 'dark theme rule').toBe(true);
  });
});
