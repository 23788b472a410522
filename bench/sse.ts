/**
 * Real time without sockets, and across instances.
 *
 * One instance (the production build on server.ts, which serves both transports): 2,000 idle
 * authenticated SSE streams (1,000 users × 2 tabs) and the memory each costs; then 200
 * notifications/s for 10 s, each timed from the API call until the user's SSE stream has it and,
 * for the same notification, until the user's socket has it: the Socket.IO path is the baseline.
 *
 * Two instances over Redis (REDIS_URL) and FerretDB: each user's socket on one instance, 400
 * notifications/s in total created through the other, timed until the socket has them; the
 * baseline is the same rate delivered within one instance.
 */
import http from 'node:http';
import type { Socket } from 'socket.io-client';
import type { NotificationMessage } from '@/lib/notifications';
import { makeTempDir } from '../tests/support/config-dir';
import { redisBinary, startRedis } from '../tests/support/redis';
import { startServer, type RunningServer } from '../tests/support/server';
import { fixed, percentile, ratio, within, type BenchTable } from './harness';
import { APP_ID, SECRET, atRate, connect, rssKiB, seedUsers } from './realtime';

const USERS = 1_000;
const STREAMS_PER_USER = 2;
const SECONDS = 10;
/** Notifications per second: one the API keeps up with on this machine, and the 200/s. */
const RATES = [50, 200];
const TWO_USERS = 200;
/** In total over both instances. */
const TWO_RATES = [100, 400];

/** One SSE stream over a raw request; calls `onTitle` with each new notification's title. */
function openStream(url: string, token: string, onTitle: (title: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/api/realtime/stream`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream refused: ${response.statusCode}`));
      let buffer = '';
      // Closed by the bench when it is done.
      response.on('error', () => {});
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (frame.includes('event: ready')) resolve(request);
          if (!frame.includes('event: notification')) continue;
          const data = frame.slice(frame.indexOf('data: ') + 6);
          const message = JSON.parse(data) as NotificationMessage;
          if (message.subtype === 'new') onTitle(message.data.title);
        }
      });
    });
    request.on('error', reject);
  });
}

function poster(server: RunningServer, token: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const once = (userId: string, title: string) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${server.url}/__mozaiks/admin/notifications/broadcast`,
        { agent, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ title, message: 'm', target: { type: 'user_ids', ids: [userId] } }));
    });
  // A kept-alive connection the server closed while idle resets the next request sent on it: send it again.
  const post = (userId: string, title: string) => once(userId, title).catch((error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? once(userId, title) : Promise.reject(error)));
  return { post, close: () => agent.destroy() };
}

/** Titles awaited by whichever listener hears them first. */
function arrivals() {
  const waiting = new Map<string, (at: number) => void>();
  return {
    expect: (title: string) => new Promise<number>((resolve) => waiting.set(title, resolve)),
    heard: (title: string) => {
      const resolve = waiting.get(title);
      if (resolve) {
        waiting.delete(title);
        resolve(performance.now());
      }
    },
  };
}

async function oneInstance(): Promise<BenchTable> {
  const dataDir = makeTempDir('mozaiks-bench-sse-');
  const { admin, users } = await seedUsers(dataDir, USERS);
  const server = await startServer({ env: { MOZAIKS_APP_ID: APP_ID, MOZAIKS_DATA_DIR: dataDir, JWT_SECRET: SECRET, LOG_LEVEL: 'error', MOZAIKS_CHECK_OUTPUTS: 'false' } });
  const { post, close } = poster(server, admin.token);
  const streams: http.ClientRequest[] = [];
  const sockets: Socket[] = [];
  const bySse = arrivals();
  const bySocket = arrivals();
  try {
    await post(users[0]!.id, 'warm-up');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = rssKiB(server.child.pid!);
    const started = performance.now();
    const plan = users.flatMap((user) => Array.from({ length: STREAMS_PER_USER }, () => user));
    for (let offset = 0; offset < plan.length; offset += 200) {
      streams.push(...(await Promise.all(plan.slice(offset, offset + 200).map((user) => openStream(server.url, user.token, bySse.heard)))));
    }
    const openSeconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const after = rssKiB(server.child.pid!);
    const perStreamKiB = (after - before) / streams.length;

    // The baseline path: one socket per user, on the same server, hearing the same notifications.
    for (let offset = 0; offset < users.length; offset += 250) {
      sockets.push(...(await Promise.all(users.slice(offset, offset + 250).map((user) => connect(server.url, user.token)))));
    }
    for (const socket of sockets) socket.on('notification', (message: NotificationMessage) => message.subtype === 'new' && bySocket.heard(message.data.title));

    const measure = async (perSecond: number) => {
      const sse: number[] = [];
      const socket: number[] = [];
      let lost = 0;
      await atRate(
        SECONDS,
        async (index) => {
          const title = `n${perSecond}-${index}`;
          const [viaSse, viaSocket] = [bySse.expect(title), bySocket.expect(title)];
          const sent = performance.now();
          const status = await post(users[index % USERS]!.id, title);
          const [atSse, atSocket] = await Promise.all([within(viaSse, 10_000, null), within(viaSocket, 10_000, null)]);
          if (status !== 200 || atSse === null || atSocket === null) lost += 1;
          else {
            sse.push(atSse - sent);
            socket.push(atSocket - sent);
          }
        },
        perSecond,
      );
      return { sse, socket, lost };
    };
    const rows: (string | number)[][] = [];
    let lost = 0;
    for (const perSecond of RATES) {
      const { sse, socket, lost: missing } = await measure(perSecond);
      lost += missing;
      rows.push(
        [`${perSecond}/s · notification: API call → socket (baseline)`, fixed(percentile(socket, 0.5), 1), fixed(percentile(socket, 0.99), 1), `${socket.length} delivered`],
        [`${perSecond}/s · notification: API call → SSE stream`, fixed(percentile(sse, 0.5), 1), fixed(percentile(sse, 0.99), 1), `${sse.length} delivered`],
        [`${perSecond}/s · ratio SSE ÷ socket`, ratio(percentile(sse, 0.5), percentile(socket, 0.5)), ratio(percentile(sse, 0.99), percentile(socket, 0.99)), ''],
      );
    }
    return {
      title: 'Real time over Server-Sent Events',
      note:
        `Production build on server.ts with the embedded store; ${streams.length} authenticated SSE streams (${USERS} users × ${STREAMS_PER_USER}) opened in ${fixed(openSeconds, 1)} s, ` +
        `then one socket per user beside them. ${RATES.join(' then ')} notifications/s for ${SECONDS} s each, each for one user through POST /__mozaiks/admin/notifications/broadcast (five writes to the embedded store, open loop), timed until ` +
        `the first of that user's SSE streams has it and until their socket has it (${lost} lost). Memory: resident memory with the streams open and idle, minus before, per stream.`,
      columns: ['measure', 'p50 ms', 'p99 ms', 'other'],
      rows: [...rows, ['memory per idle SSE stream', '', '', `${fixed(perStreamKiB, 1)} KiB (RSS ${fixed(before / 1024)} → ${fixed(after / 1024)} MiB)`]],
    };
  } finally {
    for (const stream of streams) stream.destroy();
    for (const open of sockets) open.close();
    close();
    await server.stop();
  }
}

async function twoInstances(): Promise<BenchTable> {
  const redisBin = redisBinary();
  if (!redisBin) throw new Error('bench sse needs redis-server');
  const redis = await startRedis(redisBin);
  // Each instance on its own embedded store, seeded with the same users: the notification is stored where it is
  // created, and only the real-time path crosses instances, through Redis (a shared MongoDB-wire server here
  // would measure its own writes, not Redis).
  const [dirA, dirB] = [makeTempDir('mozaiks-bench-two-a-'), makeTempDir('mozaiks-bench-two-b-')];
  const [{ admin, users }] = await Promise.all([seedUsers(dirA, TWO_USERS), seedUsers(dirB, TWO_USERS)]);
  const env = { MOZAIKS_APP_ID: APP_ID, REDIS_URL: redis.url, JWT_SECRET: SECRET, LOG_LEVEL: 'error', MOZAIKS_CHECK_OUTPUTS: 'false' };
  const [a, b] = await Promise.all([startServer({ env: { ...env, MOZAIKS_DATA_DIR: dirA } }), startServer({ env: { ...env, MOZAIKS_DATA_DIR: dirB } })]);
  const sockets: Socket[] = [];
  const closers: (() => void)[] = [];
  try {
    const heard = arrivals();
    // Even users' sockets on A, odd users' on B.
    for (const [index, user] of users.entries()) {
      const socket = await connect(index % 2 ? b.url : a.url, user.token);
      socket.on('notification', (message: NotificationMessage) => message.subtype === 'new' && heard.heard(message.data.title));
      sockets.push(socket);
    }
    const [viaA, viaB] = [poster(a, admin.token), poster(b, admin.token)];
    closers.push(viaA.close, viaB.close);
    const measure = async (label: string, across: boolean, perSecond: number) => {
      const times: number[] = [];
      let lost = 0;
      await atRate(
        SECONDS,
        async (index) => {
          const title = `${label}-${perSecond}-${index}`;
          const userIndex = index % users.length;
          const userOnA = userIndex % 2 === 0;
          // Across: created through the instance that does not hold the user's socket.
          const through = across === userOnA ? viaB : viaA;
          const arrived = heard.expect(title);
          const sent = performance.now();
          const status = await through.post(users[userIndex]!.id, title);
          const at = await within(arrived, 10_000, null);
          if (status !== 200 || at === null) lost += 1;
          else times.push(at - sent);
        },
        perSecond,
      );
      return { times, lost };
    };
    const rows: (string | number)[][] = [];
    let lost = 0;
    for (const perSecond of TWO_RATES) {
      const same = await measure('same', false, perSecond);
      const across = await measure('across', true, perSecond);
      lost += same.lost + across.lost;
      rows.push(
        [`${perSecond}/s · notification → socket, same instance (baseline)`, fixed(percentile(same.times, 0.5), 1), fixed(percentile(same.times, 0.99), 1), `${same.times.length} delivered`],
        [`${perSecond}/s · notification → socket on the other instance`, fixed(percentile(across.times, 0.5), 1), fixed(percentile(across.times, 0.99), 1), `${across.times.length} delivered`],
        [`${perSecond}/s · ratio across ÷ same`, ratio(percentile(across.times, 0.5), percentile(same.times, 0.5)), ratio(percentile(across.times, 0.99), percentile(same.times, 0.99)), ''],
      );
    }
    return {
      title: 'Real time across two instances',
      note:
        `Two production instances on server.ts sharing one Redis (REDIS_URL), each on its own embedded store seeded with the same ${TWO_USERS} users; each user has a socket on one instance. ` +
        `${TWO_RATES.join(' then ')} notifications/s in total for ${SECONDS} s each, half created through each instance: first each through the instance that holds the user's socket (baseline), ` +
        `then each through the other one, timed until the socket has it (${lost} lost).`,
      columns: ['measure', 'p50 ms', 'p99 ms', 'other'],
      rows,
    };
  } finally {
    for (const socket of sockets) socket.close();
    for (const close of closers) close();
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
  }
}

export async function benchSse(): Promise<BenchTable[]> {
  return [await oneInstance(), await twoInstances()];
}
