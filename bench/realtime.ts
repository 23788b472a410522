/**
 * Real time at scale, on one instance of the production build: 5,000 authenticated sockets (1,000
 * users with 5 tabs each), the end-to-end latency of a notification (API call → socket receipt) at
 * 200 notifications/s, the fan-out of a broadcast to every socket, and the memory each idle
 * connection costs. Baselines from the same run: GET /health at the same rate (an HTTP round trip
 * with no work), and the server's resident memory before the sockets connect.
 *
 * Users are written straight into the embedded store before the server starts (1,000 sign-ups would
 * spend minutes in bcrypt) and their tokens are minted with the server's secret.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { issueLocalToken } from '@/lib/auth/tokens';
import { hashPassword } from '@/lib/auth/passwords';
import { database } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import type { NotificationMessage } from '@/lib/notifications';
import { makeTempDir } from '../tests/support/config-dir';
import { startServer } from '../tests/support/server';
import { fixed, percentile, ratio, within, type BenchTable } from './harness';

export const APP_ID = 'bench_rt';
export const SECRET = 'bench-realtime-secret-bench-realtime-secret';
const USERS = 1_000;
const TABS_PER_USER = 5;
const RATE_PER_SECOND = 200;
const LATENCY_SECONDS = 10;

export interface Seeded {
  id: string;
  token: string;
}

export async function seedUsers(dataDir: string, count = USERS): Promise<{ admin: Seeded; users: Seeded[] }> {
  const store = new EmbeddedStore(path.join(dataDir, 'db'));
  const users = database({ appId: APP_ID }, store).collection('users');
  const hashed = await hashPassword('bench-password');
  const now = new Date();
  const document = (id: string, roles: string[]) => ({
    _id: id,
    username: id,
    email: `${id}@example.com`,
    full_name: id,
    hashed_password: hashed,
    roles,
    disabled: false,
    auth_provider: 'local',
    created_at: now,
    updated_at: now,
  });
  await users.insertMany([document('benchadmin', ['user', 'superadmin']), ...Array.from({ length: count }, (_, index) => document(`benchuser${index}`, ['user']))]);
  await store.close();
  const mint = async (id: string) => ({ id, token: await issueLocalToken({ sub: id, user_id: id, app_id: APP_ID }, { secret: SECRET, minutes: 120 }) });
  return { admin: await mint('benchadmin'), users: await Promise.all(Array.from({ length: count }, (_, index) => mint(`benchuser${index}`))) };
}

export function rssKiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

export function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token }, timeout: 60_000 });
    socket.once('runtime:hello', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Fires `send` RATE_PER_SECOND times a second for `seconds` (open loop: a slow answer never delays the next call). */
export async function atRate(seconds: number, send: (index: number) => Promise<void>, perSecond = RATE_PER_SECOND): Promise<void> {
  const total = seconds * perSecond;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(index));
  }
  await Promise.all(inFlight);
}

export async function benchRealtime(): Promise<BenchTable> {
  const dataDir = makeTempDir('mozaiks-bench-rt-');
  const { admin, users } = await seedUsers(dataDir);
  const server = await startServer({
    env: { MOZAIKS_APP_ID: APP_ID, MOZAIKS_DATA_DIR: dataDir, JWT_SECRET: SECRET, LOG_LEVEL: 'error', MOZAIKS_PLUGIN_RATE_LIMITS: 'false' },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const post = (route: string, body: unknown) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.url}${route}`, { agent, method: 'POST', headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end(JSON.stringify(body));
    });
  const get = (route: string) =>
    new Promise<number>((resolve, reject) => {
      http.get(`${server.url}${route}`, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      }).on('error', reject);
    });
  const sockets: Socket[] = [];
  try {
    // Warm up both paths, then read the idle server's memory.
    for (let index = 0; index < 50; index++) await get('/health');
    await post('/__mozaiks/admin/notifications/broadcast', { title: 'warm-up', message: 'warm-up', target: { type: 'user_ids', ids: [users[0]!.id] } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idleBefore = rssKiB(server.child.pid!);

    const connectStarted = performance.now();
    const plan = users.flatMap((user) => Array.from({ length: TABS_PER_USER }, () => user));
    for (let offset = 0; offset < plan.length; offset += 250) {
      sockets.push(...(await Promise.all(plan.slice(offset, offset + 250).map((user) => connect(server.url, user.token)))));
    }
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const idleAfter = rssKiB(server.child.pid!);
    const perConnectionKiB = (idleAfter - idleBefore) / sockets.length;

    // Latency: each notification to one user; the time until the first of that user's tabs has it.
    const waiting = new Map<string, { sent: number; resolve: (ms: number) => void }>();
    const fanout = { title: '', expected: 0, received: 0, sent: 0, done: (_ms: number) => {} };
    for (const socket of sockets) {
      socket.on('notification', (message: NotificationMessage) => {
        if (message.subtype !== 'new') return;
        const entry = waiting.get(message.data.title);
        if (entry) {
          waiting.delete(message.data.title);
          entry.resolve(performance.now() - entry.sent);
        }
        if (message.data.title === fanout.title && ++fanout.received === fanout.expected) fanout.done(performance.now() - fanout.sent);
      });
    }
    const latencies: number[] = [];
    let lost = 0;
    await atRate(LATENCY_SECONDS, async (index) => {
      const title = `latency-${index}`;
      const received = new Promise<number>((resolve) => waiting.set(title, { sent: performance.now(), resolve }));
      const status = await post('/__mozaiks/admin/notifications/broadcast', { title, message: 'm', target: { type: 'user_ids', ids: [users[index % USERS]!.id] } });
      const ms = await within(received, 10_000, null);
      if (status !== 200 || ms === null) lost += 1;
      else latencies.push(ms);
    });

    const healthLatencies: number[] = [];
    await atRate(LATENCY_SECONDS / 2, async () => {
      const started = performance.now();
      await get('/health');
      healthLatencies.push(performance.now() - started);
    });

    // Fan-out: one broadcast to every user (every socket).
    fanout.title = 'to-everyone';
    fanout.expected = sockets.length;
    const everyone = new Promise<number>((resolve) => (fanout.done = resolve));
    fanout.sent = performance.now();
    await post('/__mozaiks/admin/notifications/broadcast', { title: fanout.title, message: 'hello all', target: { type: 'all' } });
    const fanoutMs = await within(everyone, 120_000, NaN);

    return {
      title: 'Real time',
      note:
        `Production build on server.ts with the embedded store; ${sockets.length} authenticated sockets (${USERS} users × ${TABS_PER_USER} tabs, websocket transport) ` +
        `connected in ${fixed(connectSeconds, 1)} s; load generated on the same machine. Latency: ${RATE_PER_SECOND} notifications/s for ${LATENCY_SECONDS} s, each created through ` +
        `POST /__mozaiks/admin/notifications/broadcast for one user, timed until the first of that user's sockets has it (${lost} lost). ` +
        `Baseline: GET /health at the same rate. Fan-out: one broadcast to all ${USERS + 1} users, until every socket has it. ` +
        `Memory: the server's resident memory with the sockets connected and idle, minus before they connected, per socket.`,
      columns: ['measure', 'p50 ms', 'p99 ms', 'other'],
      rows: [
        ['GET /health at the same rate (baseline)', fixed(percentile(healthLatencies, 0.5), 1), fixed(percentile(healthLatencies, 0.99), 1), ''],
        ['notification: API call → socket', fixed(percentile(latencies, 0.5), 1), fixed(percentile(latencies, 0.99), 1), `${latencies.length} delivered`],
        ['ratio', ratio(percentile(latencies, 0.5), percentile(healthLatencies, 0.5)), ratio(percentile(latencies, 0.99), percentile(healthLatencies, 0.99)), ''],
        ['broadcast to every socket', '', '', `${fixed(fanoutMs)} ms for ${sockets.length} sockets (${fixed(sockets.length / (fanoutMs / 1000))} deliveries/s)`],
        ['memory per idle socket', '', '', `${fixed(perConnectionKiB, 1)} KiB (RSS ${fixed(idleBefore / 1024)} → ${fixed(idleAfter / 1024)} MiB)`],
      ],
    };
  } finally {
    for (const socket of sockets) socket.close();
    agent.destroy();
    await server.stop();
  }
}
