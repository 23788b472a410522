/**
 * Finding 5 of the hardening issue: cookie-authenticated POSTs from another site's page (`Origin:
 * https://evil.example`, `text/plain`) changed the profile, called plugins and marked notifications
 * read, and a Socket.IO handshake with a foreign Origin connected. Now a write on the session cookie
 * must come from the app's own origin or one in ALLOWED_ORIGINS; Bearer clients are unaffected.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount, signInSession } from '../support/accounts';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let cookie: string;
let bearer: Record<string, string>;

beforeAll(async () => {
  server = await startServer({ env: { ALLOWED_ORIGINS: 'https://admin.example.com' } });
  const account = await registerAccount(server.url, 'csrfvictim');
  bearer = account.headers;
  cookie = await signInSession(server.url, 'csrfvictim', 'csrfvictim-password');
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

const writes = [
  { path: '/api/update-profile', body: JSON.stringify({ full_name: 'Hijacked' }) },
  { path: '/api/execute/task_manager', body: JSON.stringify({ action: 'list_tasks' }) },
  { path: '/api/notifications/mark-all-read', body: '' },
];

const post = (path: string, headers: Record<string, string>, body: string) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body });

describe('cookie-authenticated writes', () => {
  it.each(writes)('refuses $path from another site with 403 CSRF_REJECTED', async ({ path, body }) => {
    const response = await post(path, { cookie, origin: 'https://evil.example' }, body);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error_code: 'CSRF_REJECTED' });
  });

  it('refuses a foreign Referer when there is no Origin, and an opaque "null" origin', async () => {
    for (const headers of [{ referer: 'https://evil.example/page' }, { origin: 'null' }] as Record<string, string>[]) {
      const response = await post('/api/notifications/mark-all-read', { cookie, ...headers }, '');
      expect(response.status).toBe(403);
    }
  });

  it('accepts the app’s own origin and ALLOWED_ORIGINS', async () => {
    for (const origin of [server.url, 'https://admin.example.com']) {
      const response = await post('/api/notifications/mark-all-read', { cookie, origin }, '');
      expect(response.status).toBe(200);
    }
  });

  it('leaves Bearer clients alone, wherever they run', async () => {
    const response = await post('/api/notifications/mark-all-read', { ...bearer, origin: 'https://evil.example' }, '');
    expect(response.status).toBe(200);
  });

  it('leaves reads alone: a GET is not a write', async () => {
    const response = await fetch(`${server.url}/api/user-profile`, { headers: { cookie, origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
  });
});

describe('the socket handshake', () => {
  const connect = (extraHeaders: Record<string, string>, auth?: { token: string }) =>
    new Promise<{ connected: boolean; error?: string }>((resolve) => {
      const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], extraHeaders, auth, reconnection: false });
      socket.on('connect', () => {
        socket.close();
        resolve({ connected: true });
      });
      socket.on('connect_error', (error: Error & { data?: { error_code?: string } }) => {
        socket.close();
        resolve({ connected: false, error: error.data?.error_code });
      });
    });

  it('refuses a cookie handshake from another site', async () => {
    expect(await connect({ cookie, origin: 'https://evil.example' })).toEqual({ connected: false, error: 'CSRF_REJECTED' });
  });

  it('accepts a cookie handshake from the app, and a token handshake from anywhere', async () => {
    expect(await connect({ cookie, origin: server.url })).toEqual({ connected: true });
    expect(await connect({ origin: 'https://evil.example' }, { token: bearer.authorization!.slice(7) })).toEqual({ connected: true });
  });
});
