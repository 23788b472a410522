import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { visibleText } from '../support/html';
import { startServer, type RunningServer } from '../support/server';

// Vercel-like hosts run `next start` (or its serverless equivalent) without server.ts.
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ mode: 'next-start', env: { MOZAIKS_APP_ID: 'plain_next' } });
});

afterAll(async () => {
  await server?.stop();
});

describe('plain next start', () => {
  it('serves the runtime routes with the version header', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.headers.get('x-mozaiks-runtime-version')).toBe('1.0.0');
    expect(await response.json()).toMatchObject({ status: 'healthy', app_id: 'plain_next' });
    expect((await fetch(`${server.url}/api/nope`)).status).toBe(404);
  });

  it('serves the shell, with live updates over server-sent events instead of a socket', async () => {
    const { headers } = await registerAccount(server.url);
    const html = await (await fetch(`${server.url}/`, { headers })).text();
    expect(visibleText(html)).toContain('Welcome to Mozaiks');
    expect(visibleText(html)).toContain('Live updates On Server-sent events (no custom server here)');
    expect(html.includes('data-testid="connection-status"'), 'connection indicator').toBe(true);
    expect(html.includes('data-realtime="sse"'), 'pages told to use the SSE stream, not a socket').toBe(true);
    expect(await (await fetch(`${server.url}/info`)).json()).toMatchObject({ realtime: false, ready: true });
  });
});
