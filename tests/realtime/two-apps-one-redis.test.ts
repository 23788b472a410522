/**
 * Two apps on one Redis share nothing: a message for a user of app X never reaches the same user id
 * in app Y (anonymous, admin-key and internal identities have the same id in every app), and every
 * key and channel the feed uses starts with the app's own prefix. Two instances of one app, on the
 * other hand, see each other's messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomFollowing } from '@/lib/realtime/feed/follow';
import { redisFeed } from '@/lib/realtime/feed/redis';
import type { FeedEvent, FeedStore } from '@/lib/realtime/feed/types';
import { newRedisClient } from '@/lib/realtime/redis';
import { redisPrefix, userRoom } from '@/lib/realtime/rooms';
import { redisBinary, startRedis, type RunningRedis } from '../support/redis';

const redisBin = redisBinary();
if (process.env.CI && !redisBin) throw new Error('CI runs the Redis suites: install redis-server (.ci/run does)');

describe.skipIf(!redisBin)('apps sharing one Redis', () => {
  let redis: RunningRedis;
  const clients: ReturnType<typeof newRedisClient>[] = [];
  const feeds: FeedStore[] = [];

  beforeAll(async () => {
    redis = await startRedis(redisBin!);
  });
  afterAll(async () => {
    await Promise.all(feeds.map((feed) => feed.close()));
    await Promise.all(clients.map((client) => client.quit()));
    await redis?.stop();
  });

  /** One instance of `appId`: its own pair of connections, as lib/realtime/redis.ts makes them. */
  async function instance(appId: string) {
    const [pub, sub] = [newRedisClient(redis.url), newRedisClient(redis.url)];
    clients.push(pub, sub);
    await Promise.all([pub.connect(), sub.connect()]);
    const store = await redisFeed({ link: { pub, sub }, appId });
    feeds.push(store);
    return { store, following: roomFollowing(store) };
  }

  const heard = () => {
    const events: FeedEvent[] = [];
    return { events, handlers: { deliver: (event: FeedEvent) => events.push(event), resync: () => {} } };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it('keeps each app’s users apart, and joins each app’s instances', async () => {
    const [x1, x2, y] = await Promise.all([instance('app_x'), instance('app_x'), instance('app_y')]);
    const onX2 = heard();
    const onY = heard();
    await x2.following.follow(userRoom('app_x', 'anonymous'), undefined, onX2.handlers);
    await y.following.follow(userRoom('app_y', 'anonymous'), undefined, onY.handlers);

    await x1.store.append(userRoom('app_x', 'anonymous'), 'notification', { for: 'x' });
    await y.store.append(userRoom('app_y', 'anonymous'), 'notification', { for: 'y' });
    await settle();

    expect(onX2.events.map((event) => event.message)).toEqual([{ for: 'x' }]);
    expect(onY.events.map((event) => event.message)).toEqual([{ for: 'y' }]);

    const keys = await clients[0]!.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect([redisPrefix('app_x'), redisPrefix('app_y')].some((prefix) => key.startsWith(`${prefix}:`))).toBe(true);
    const channels = await clients[0]!.pubSubChannels();
    expect(channels.sort()).toEqual([`${redisPrefix('app_x')}:feed`, `${redisPrefix('app_y')}:feed`]);
  });

  it('delivers in the order Redis stored them when two instances publish at once', async () => {
    const [a, b, reader] = await Promise.all([instance('app_z'), instance('app_z'), instance('app_z')]);
    const seen = heard();
    const room = userRoom('app_z', 'u1');
    await reader.following.follow(room, undefined, seen.handlers);
    await Promise.all(Array.from({ length: 100 }, (_, n) => (n % 2 ? a : b).store.append(room, 'tick', n)));
    await settle();
    const stored = await reader.store.read(room, '0-0');
    expect(seen.events.map((event) => event.id)).toEqual(stored.events.map((event) => event.id));
    expect(seen.events).toHaveLength(100);
  });
});
