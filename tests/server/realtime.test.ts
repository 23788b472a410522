import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelloMessage } from '@/lib/realtime';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'acme_rt' } });
});

afterAll(async () => {
  await server?.stop();
});

describe('Socket.IO on the custom server', () => {
  it('accepts a websocket connection on the same port and greets it', async () => {
    const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false });
    try {
      const hello = await new Promise<HelloMessage>((resolve, reject) => {
        socket.once('runtime:hello', resolve);
        socket.once('connect_error', reject);
      });
      expect(hello).toEqual({ runtime_version: '1.0.0', app_id: 'acme_rt' });
      expect(socket.io.engine.transport.name).toBe('websocket');
    } finally {
      socket.close();
    }
  });

  it('disconnects clients on shutdown instead of holding the process open', async () => {
    const own = await startServer();
    const socket = io(own.url, { path: '/socket.io', transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    expect(await own.stop()).toBe(0);
    await disconnected;
  });
});
