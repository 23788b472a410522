/**
 * Suspending an account closes its open sockets and SSE streams at once, and its next handshake or
 * stream is refused: both are authenticated only when they open, so without this a suspended user
 * kept receiving pushes.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandshakeError } from '@/lib/realtime';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer } from '../support/server';
import { disconnection } from '../support/sockets';
import { openSse } from '../support/sse';

let server: RunningServer;
let admin: Awaited<ReturnType<typeof registerAccount>>;

beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'suspend_rt' } });
  admin = await registerAccount(server.url); // the first account: superadmin
}, 60_000);
afterAll(async () => server?.stop());

/** Resolves with the connected socket once greeted, or rejects with the handshake error's data. */
function connect(token: string): Promise<Socket> {
  const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token } });
  return new Promise((resolve, reject) => {
    socket.once('runtime:hello', () => resolve(socket));
    socket.once('connect_error', (error: Error & { data?: HandshakeError }) => {
      socket.close();
      reject(error.data ?? error);
    });
  });
}

const act = (action: 'suspendUser' | 'unsuspendUser', userId: string) =>
  fetch(`${server.url}/__mozaiks/admin/users/action`, {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ action, targetIds: [userId] }),
  });

describe('a suspended account on Socket.IO', () => {
  it('is disconnected when suspended, refused while suspended, and let back in once unsuspended', async () => {
    const user = await registerAccount(server.url);
    const bystander = await registerAccount(server.url);
    const [socket, other] = await Promise.all([connect(user.access_token), connect(bystander.access_token)]);
    try {
      const disconnected = disconnection(socket);
      expect((await act('suspendUser', user.user_id)).status).toBe(200);
      // The server closed it ("io server disconnect"), rather than the client or the transport.
      expect(await disconnected).toBe('io server disconnect');
      await expect(connect(user.access_token)).rejects.toEqual({ error_code: 'ACCOUNT_DISABLED', detail: 'This account is disabled' });
      // Only that account's sockets.
      expect(other.connected).toBe(true);

      expect((await act('unsuspendUser', user.user_id)).status).toBe(200);
      (await connect(user.access_token)).close();
    } finally {
      socket.close();
      other.close();
    }
  });
});

describe('a suspended account on the SSE stream', () => {
  it('has its stream ended when suspended, and a new one refused while suspended', async () => {
    const user = await registerAccount(server.url);
    const bystander = await registerAccount(server.url);
    const [stream, other] = await Promise.all([openSse(`${server.url}/api/realtime/stream`, { headers: user.headers }), openSse(`${server.url}/api/realtime/stream`, { headers: bystander.headers })]);
    try {
      await Promise.all([stream.next('ready'), other.next('ready')]);
      let otherEnded = false;
      void other.ended.then(() => (otherEnded = true));
      expect((await act('suspendUser', user.user_id)).status).toBe(200);
      await stream.ended;
      const refused = await fetch(`${server.url}/api/realtime/stream`, { headers: user.headers });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error_code: 'ACCOUNT_DISABLED' });
      expect(otherEnded).toBe(false);
    } finally {
      stream.close();
      other.close();
    }
  });
});
