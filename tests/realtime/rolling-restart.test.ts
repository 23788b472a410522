/**
 * A rolling restart behind a load balancer: two production instances on one FerretDB and one Redis,
 * a round-robin proxy in front. Under steady load (reads, and notifications created for a user), one
 * instance is stopped with SIGTERM and started again, then the other. No request the client may retry
 * is lost, every notification is stored exactly once and reaches the user's socket exactly once (it
 * reconnects through the proxy and resumes from its last message), and a notification scheduled to
 * fall due during the restart is sent once.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '@/lib/notifications';
import { registerAccount } from '../support/accounts';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../support/ferretdb';
import { redisBinary, startRedis, type RunningRedis } from '../support/redis';
import { startRoundRobinProxy, type RunningProxy } from '../support/round-robin-proxy';
import { freePort, startServer, type RunningServer } from '../support/server';

const redisBin = redisBinary();
const ferretBin = ferretDbBinary();
if (process.env.CI && (!redisBin || !ferretBin)) throw new Error('CI runs the rolling-restart suite: install redis-server and build FerretDB (.ci/run does both)');

/** A client that retries what it may: a 502/503 or a lost connection, a few times. */
async function withRetries(send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await send();
      if ((response.status !== 502 && response.status !== 503) || attempt === 4) return response;
    } catch (error) {
      if (attempt === 4) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
  }
}

describe.skipIf(!redisBin || !ferretBin)('a rolling restart behind a round-robin proxy', () => {
  let redis: RunningRedis;
  let ferret: RunningFerretDb;
  let proxy: RunningProxy;
  const ports: number[] = [];
  const instances: RunningServer[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    [redis, ferret] = await Promise.all([startRedis(redisBin!), startFerretDb(ferretBin!)]);
    env = {
      MOZAIKS_APP_ID: 'rolling_app',
      DATABASE_URI: ferret.uri(`rolling_${Date.now()}`),
      REDIS_URL: redis.url,
      JWT_SECRET: 'rolling-restart-secret-rolling-restart-secret',
      MOZAIKS_SCHEDULER_INTERVAL_MS: '500',
      LOG_LEVEL: 'warn',
    };
    ports.push(await freePort(), await freePort());
    for (const port of ports) instances.push(await startServer({ env, port, readyTimeoutMs: 60_000 }));
    proxy = await startRoundRobinProxy(ports);
  }, 150_000);
  afterAll(async () => {
    await proxy?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await Promise.all([redis?.stop(), ferret?.stop()]);
  });

  it('loses no request, no notification and no socket message, and sends a scheduled one once', async () => {
    const admin = await registerAccount(proxy.url); // the first account: superadmin
    const user = await registerAccount(proxy.url);

    // The user's socket, through the proxy: it reconnects by itself and resumes from its last message.
    const titles: string[] = [];
    let lastEventId: string | undefined;
    const socket: Socket = io(proxy.url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      auth: (send) => send({ token: user.access_token, ...(lastEventId ? { last_event_id: lastEventId } : {}) }),
    });
    socket.on('notification', (message: NotificationMessage, resumeId?: string) => {
      if (resumeId) lastEventId = resumeId;
      if (message.subtype === 'new') titles.push(message.data.title);
    });
    await new Promise((resolve) => socket.once('runtime:hello', resolve));

    const scheduledTitle = 'Scheduled during the restart';
    const schedule = await withRetries(() =>
      fetch(`${proxy.url}/__mozaiks/admin/notifications/schedule`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: user.user_id, title: scheduledTitle, message: 'once', scheduled_for: new Date(Date.now() + 4_000).toISOString() }),
      }),
    );
    expect(schedule.status).toBe(200);

    // Steady load until the restarts are over: reads, and a notification every 100 ms.
    let loading = true;
    const failed: string[] = [];
    const sent: string[] = [];
    const reads = (async () => {
      while (loading) {
        const response = await withRetries(() => fetch(`${proxy.url}/api/notifications?limit=5`, { headers: user.headers })).catch((error: Error) => error);
        if (response instanceof Error || response.status !== 200) failed.push(`read: ${response instanceof Error ? response.message : response.status}`);
      }
    })();
    const writes = (async () => {
      for (let index = 0; loading; index++) {
        const title = `During the restart ${index}`;
        const response = await withRetries(() =>
          fetch(`${proxy.url}/__mozaiks/admin/notifications/broadcast`, {
            method: 'POST',
            headers: { ...admin.headers, 'content-type': 'application/json' },
            body: JSON.stringify({ title, message: title, target: { type: 'user_ids', ids: [user.user_id] } }),
          }),
        ).catch((error: Error) => error);
        if (response instanceof Error || response.status !== 200) failed.push(`write ${title}: ${response instanceof Error ? response.message : response.status}`);
        else sent.push(title);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    for (const index of [0, 1]) {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await instances[index]!.stop('SIGTERM')).toBe(0);
      instances[index] = await startServer({ env, port: ports[index], readyTimeoutMs: 60_000 });
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    loading = false;
    await Promise.all([reads, writes]);

    expect(failed).toEqual([]);
    expect(proxy.failures()).toBe(0);
    expect(sent.length).toBeGreaterThan(20);

    // Stored once each, the scheduled one included; the socket heard each once, in order.
    const expected = [...sent, scheduledTitle];
    const inbox = async () => {
      const page = (await (await fetch(`${proxy.url}/api/notifications?limit=100`, { headers: user.headers })).json()) as { notifications: { title: string }[] };
      return page.notifications.map((notification) => notification.title).sort();
    };
    await expect.poll(inbox, { timeout: 15_000 }).toEqual([...expected].sort());
    await expect.poll(() => [...titles].sort(), { timeout: 15_000 }).toEqual([...expected].sort());
    expect(titles.filter((title) => title.startsWith('During')) ).toEqual(sent);
    socket.close();
  }, 240_000);
});
