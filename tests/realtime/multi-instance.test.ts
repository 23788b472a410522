/**
 * Two server processes sharing Redis and a MongoDB-wire database act as one: a notification created
 * through instance A reaches the user's socket on instance B, and only that user's, and their SSE
 * stream on either; a socket that reconnects to the other instance receives what it missed, once; an
 * account suspended through A loses its socket on B; an instance that shuts down closes its own sockets only.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '@/lib/notifications';
import type { HandshakeError } from '@/lib/realtime';
import { registerAccount } from '../support/accounts';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../support/ferretdb';
import { redisBinary, startRedis, type RunningRedis } from '../support/redis';
import { startServer, type RunningServer } from '../support/server';
import { disconnection } from '../support/sockets';
import { openSse } from '../support/sse';

const redisBin = redisBinary();
const ferretBin = ferretDbBinary();
if (process.env.CI && (!redisBin || !ferretBin)) {
  throw new Error('CI runs the multi-instance suite: install redis-server and build FerretDB (.ci/run does both)');
}

describe.skipIf(!redisBin || !ferretBin)('several instances behind one Redis', () => {
  let redis: RunningRedis;
  let ferret: RunningFerretDb;
  let a: RunningServer;
  let b: RunningServer;
  let admin: Awaited<ReturnType<typeof registerAccount>>;

  beforeAll(async () => {
    [redis, ferret] = await Promise.all([startRedis(redisBin!), startFerretDb(ferretBin!)]);
    const env = {
      MOZAIKS_APP_ID: 'multi_app',
      DATABASE_URI: ferret.uri(`multi_${Date.now()}`),
      REDIS_URL: redis.url,
      JWT_SECRET: 'multi-instance-secret-multi-instance-secret',
    };
    [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    admin = await registerAccount(a.url); // the first account: superadmin
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([redis?.stop(), ferret?.stop()]);
  });

  const socketOn = (server: RunningServer, token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token } });
      socket.once('runtime:hello', () => resolve(socket));
      socket.once('connect_error', (error: Error & { data?: HandshakeError }) => {
        socket.close();
        reject(error.data ?? error);
      });
    });

  it('delivers a notification created through A to the socket on B', async () => {
    const user = await registerAccount(a.url);
    const bystander = await registerAccount(b.url);
    const [userOnB, bystanderOnB] = await Promise.all([socketOn(b, user.access_token), socketOn(b, bystander.access_token)]);
    const heard: NotificationMessage[] = [];
    bystanderOnB.on('notification', (message: NotificationMessage) => heard.push(message));
    try {
      const received = new Promise<NotificationMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no notification on instance B within 5 s')), 5_000);
        userOnB.once('notification', (message: NotificationMessage) => {
          clearTimeout(timer);
          resolve(message);
        });
      });
      const sent = await fetch(`${a.url}/__mozaiks/admin/notifications/broadcast`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'From A', message: 'Across instances', target: { type: 'user_ids', ids: [user.user_id] } }),
      });
      expect(sent.status).toBe(200);
      expect(await received).toMatchObject({ type: 'notification', subtype: 'new', data: { title: 'From A', user_id: user.user_id } });

      // B serves the same inbox, and the read state set on B reaches a socket on A.
      const userOnA = await socketOn(a, user.access_token);
      try {
        const readOnA = new Promise<NotificationMessage>((resolve) => userOnA.once('notification', resolve));
        const inbox = (await (await fetch(`${b.url}/api/notifications`, { headers: user.headers })).json()) as { notifications: { id: string }[] };
        expect(inbox.notifications).toHaveLength(1);
        await fetch(`${b.url}/api/notifications/${inbox.notifications[0]!.id}/read`, { method: 'POST', headers: user.headers });
        expect(await readOnA).toMatchObject({ subtype: 'read', unread_count: 0 });
      } finally {
        userOnA.close();
      }
      expect(heard).toEqual([]);
    } finally {
      userOnB.close();
      bystanderOnB.close();
    }
  });

  const notify = async (server: RunningServer, userId: string, title: string) => {
    const sent = await fetch(`${server.url}/__mozaiks/admin/notifications/broadcast`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ title, message: title, target: { type: 'user_ids', ids: [userId] } }),
    });
    expect(sent.status).toBe(200);
  };

  it('carries a notification created through B to the user’s SSE stream on A', async () => {
    const user = await registerAccount(a.url);
    const stream = await openSse(`${a.url}/api/realtime/stream`, { headers: user.headers });
    try {
      await stream.next('ready');
      await notify(b, user.user_id, 'Through B');
      expect((await stream.next('notification')).data).toMatchObject({ subtype: 'new', data: { title: 'Through B' } });
    } finally {
      stream.close();
    }
  });

  it('replays to a socket that reconnects on the other instance what it missed, once', async () => {
    const user = await registerAccount(a.url);
    const onA = await socketOn(a, user.access_token);
    const lastId = await new Promise<string>((resolve) => {
      onA.once('notification', (_message: NotificationMessage, resumeId: string) => resolve(resumeId));
      void notify(a, user.user_id, 'seen on A');
    });
    onA.close();
    await notify(a, user.user_id, 'missed 1');
    await notify(b, user.user_id, 'missed 2');
    const titles: string[] = [];
    const onB = await new Promise<Socket>((resolve, reject) => {
      const socket = io(b.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token: user.access_token, last_event_id: lastId } });
      socket.on('notification', (message: NotificationMessage) => titles.push((message as { data: { title: string } }).data.title));
      socket.once('runtime:hello', () => resolve(socket));
      socket.once('connect_error', reject);
    });
    try {
      await notify(b, user.user_id, 'live on B');
      await expect.poll(() => titles, { timeout: 5_000 }).toEqual(['missed 1', 'missed 2', 'live on B']);
    } finally {
      onB.close();
    }
  });

  it('disconnects the socket on B of an account suspended through A, and B refuses its next handshake', async () => {
    const user = await registerAccount(a.url);
    const userOnB = await socketOn(b, user.access_token);
    try {
      const disconnected = disconnection(userOnB);
      const suspended = await fetch(`${a.url}/__mozaiks/admin/users/action`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'suspendUser', targetIds: [user.user_id] }),
      });
      expect(suspended.status).toBe(200);
      expect(await disconnected).toBe('io server disconnect');
      // B verified this token for the socket moments ago: its cached identity was dropped too.
      await expect(socketOn(b, user.access_token)).rejects.toMatchObject({ error_code: 'ACCOUNT_DISABLED' });
    } finally {
      userOnB.close();
    }
  });

  // Last: it stops A. Shutting down closed every socket with io.disconnectSockets(), a server-side disconnect,
  // after which a client does not reconnect; and the Redis adapter sends it to every instance: each step of a
  // rolling restart left every user of the app without live updates.
  it('closes only its own connections when an instance shuts down, and its clients reconnect', async () => {
    const user = await registerAccount(b.url);
    const onB = await socketOn(b, user.access_token);
    const onA = io(a.url, { path: '/socket.io', transports: ['websocket'], reconnectionDelay: 60_000, auth: { token: user.access_token } });
    await new Promise((resolve) => onA.once('runtime:hello', resolve));
    try {
      const closedOnA = disconnection(onA);
      let droppedOnB: string | undefined;
      onB.once('disconnect', (reason: string) => (droppedOnB = reason));
      await a.stop();
      expect(await closedOnA).toBe('transport close');
      expect(onA.active, 'the client on A will reconnect').toBe(true);
      const heard = new Promise<NotificationMessage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no notification on B within 5 s; its socket: ${droppedOnB ?? 'connected'}`)), 5_000);
        onB.once('notification', (message: NotificationMessage) => {
          clearTimeout(timer);
          resolve(message);
        });
      });
      await notify(b, user.user_id, 'after A stopped');
      expect(await heard).toMatchObject({ data: { title: 'after A stopped' } });
      expect(droppedOnB).toBeUndefined();
      expect(onB.connected).toBe(true);
    } finally {
      onA.close();
      onB.close();
    }
  });
});
