import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { visibleText } from '../support/html';
import { startServer, startServerExpectingFailure, type RunningServer } from '../support/server';

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

describe('where the data lives under plain next start', () => {
  it('refuses the embedded store in production, saying to set DATABASE_URI or how to allow it', async () => {
    const { code, output } = await startServerExpectingFailure({ mode: 'next-start', env: { MOZAIKS_EMBEDDED_STORE: undefined, DATABASE_URI: undefined } });
    expect(code).toBe(1);
    expect(output).toContain('Mozaiks Core cannot start.');
    expect(output).toContain('The embedded store is refused under plain `next start` in production');
    expect(output).toContain('Set DATABASE_URI to a MongoDB server (MongoDB Atlas');
    expect(output).toContain('set MOZAIKS_EMBEDDED_STORE=allow');
    expect(output, 'no stack trace for a problem the message explains').not.toMatch(/\n\s+at /);
  });

  it('refuses it on a serverless host even when allowed', async () => {
    const { code, output } = await startServerExpectingFailure({ mode: 'next-start', env: { VERCEL: '1', DATABASE_URI: undefined } });
    expect(code).toBe(1);
    expect(output).toContain('This is Vercel, a serverless host');
  });
});
