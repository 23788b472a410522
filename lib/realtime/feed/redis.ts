/**
 * The feed shared by every instance of an app through Redis (REDIS_URL): each room is a stream
 * (XADD, trimmed by age), and every append is announced on the app's feed channel, so each instance
 * reads the new events of the rooms its clients follow — in the order Redis gave them ids, from the
 * stream itself, so an announcement that overtakes another never reorders or loses an event.
 */
import type { RedisLink } from '../redis';
import { redisPrefix } from '../rooms';
import { compareEventIds, FEED_START } from './event-id';
import { FEED_READ_LIMIT, FEED_RETENTION_MS, type FeedEvent, type FeedStore } from './types';

/** A room's stream: rooms start with `app:<app_id>`, so the key starts with the app's prefix. */
const streamKey = (room: string) => `mozaiks:${room}:feed`;

export async function redisFeed({ link, appId }: { link: RedisLink; appId: string }): Promise<FeedStore> {
  const { pub, sub } = link;
  const channel = `${redisPrefix(appId)}:feed`;
  const listeners: ((room: string) => void)[] = [];
  await sub.subscribe(channel, (room) => {
    for (const listener of listeners) listener(room);
  });

  const fromEntry = ({ id, message }: { id: string; message: Record<string, string> }): FeedEvent | undefined => {
    try {
      return { id, event: message.event ?? '', message: JSON.parse(message.message ?? 'null') };
    } catch {
      return undefined;
    }
  };

  return {
    async append(room, event, message) {
      const key = streamKey(room);
      // One round trip: Redis runs these in order, so the announcement follows the stored event.
      const [id] = await Promise.all([
        pub.xAdd(key, '*', { event, message: JSON.stringify(message) }, { TRIM: { strategy: 'MINID', strategyModifier: '~', threshold: Date.now() - FEED_RETENTION_MS } }),
        pub.pExpire(key, FEED_RETENTION_MS),
        pub.publish(channel, room),
      ]);
      return id;
    },
    async read(room, after) {
      const start = after === FEED_START ? '-' : `(${after}`;
      const entries = (await pub.xRange(streamKey(room), start, '+', { COUNT: FEED_READ_LIMIT + 1 })) ?? [];
      const events = entries.slice(0, FEED_READ_LIMIT).flatMap((entry) => fromEntry(entry) ?? []);
      const kept = after === FEED_START || compareEventIds(after, `${Date.now() - FEED_RETENTION_MS}-0`) >= 0;
      return { events, complete: kept && entries.length <= FEED_READ_LIMIT };
    },
    async latest(room) {
      const [newest] = (await pub.xRevRange(streamKey(room), '+', '-', { COUNT: 1 })) ?? [];
      return newest?.id ?? FEED_START;
    },
    onAppend(listener) {
      listeners.push(listener);
    },
    async close() {
      // A reconnecting client would hold the command until Redis is back, which may be never; it is closed next anyway.
      if (sub.isReady) await sub.unsubscribe(channel);
    },
  };
}
