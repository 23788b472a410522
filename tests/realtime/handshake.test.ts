import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandshakeError, HelloMessage } from '@/lib/realtime';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'acme_rt' } });
});

afterAll(async () => {
  await server?.stop();
});

function connect(url: string, options: { token?: string; query?: Record<string, string> } = {}): Socket {
  return io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    ...(options.token ? { auth: { token: options.token } } : {}),
    ...(options.query ? { query: options.query } : {}),
  });
}

/** Resolves with the greeting, or rejects with the handshake error's data. */
function greeting(socket: Socket): Promise<HelloMessage> {
  return new Promise((resolve, reject) => {
    socket.once('runtime:hello', resolve);
    socket.once('connect_error', (error: Error & { data?: HandshakeError }) => reject(error.data ?? error));
  });
}

describe('Socket.IO on the custom server', () => {
  it('authenticates the handshake with a token and greets the user', async () => {
    const { access_token, user_id } = await registerAccount(server.url);
    const socket = connect(server.url, { token: access_token });
    try {
      expect(await greeting(socket)).toEqual({ runtime_version: '1.0.0', app_id: 'acme_rt', user_id });
      expect(socket.io.engine.transport.name).toBe('websocket');
    } finally {
      socket.close();
    }
  });

  it('accepts the token as ?access_token= too', async () => {
    const { access_token, user_id } = await registerAccount(server.url);
    const socket = connect(server.url, { query: { access_token } });
    try {
      expect((await greeting(socket)).user_id).toBe(user_id);
    } finally {
      socket.close();
    }
  });

  it('refuses a socket without credentials, or with a bad token', async () => {
    const anonymous = connect(server.url);
    await expect(greeting(anonymous)).rejects.toEqual({ error_code: 'AUTH_REQUIRED', detail: 'Not authenticated' });
    anonymous.close();
    const forged = connect(server.url, { token: 'eyJhbGciOiJub25lIn0.e30.' });
    await expect(greeting(forged)).rejects.toMatchObject({ error_code: 'TOKEN_INVALID' });
    forged.close();
  });

  it('closes clients’ connections on shutdown instead of holding the process open, and the clients reconnect', async () => {
    const own = await startServer();
    const { access_token } = await registerAccount(own.url);
    // As the browser's: reconnecting by itself (not soon enough to matter here).
    const socket = io(own.url, { path: '/socket.io', transports: ['websocket'], reconnectionDelay: 60_000, auth: { token: access_token } });
    try {
      await greeting(socket);
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      expect(await own.stop()).toBe(0);
      // A server-side disconnect ('io server disconnect') would tell the client not to come back: the page would
      // stay without live updates after every restart.
      expect(await disconnected).toBe('transport close');
      expect(socket.active, 'the client will reconnect').toBe(true);
    } finally {
      socket.close();
    }
  });
});
