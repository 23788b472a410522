/**
 * The real-time feed: every message for a user or an app goes into its room's feed, with an id, and
 * from there to every connection following that room on any instance — Socket.IO sockets and SSE
 * streams alike. In memory for one process; through Redis (REDIS_URL) for several.
 */
import { processSingleton } from '@/lib/runtime/global';
import { roomFollowing, type RoomFollowing } from './follow';
import { memoryFeed } from './memory';
import type { FeedStore } from './types';

export { compareEventIds, FEED_START, isEventId } from './event-id';
export type { FollowHandlers, Following } from './follow';
export type { FeedEvent } from './types';
export { FEED_RETENTION_MS } from './types';

const holder = processSingleton('realtime-feed', () => ({ store: undefined as FeedStore | undefined, following: undefined as RoomFollowing | undefined }));

/** Uses `store` from now on (lib/realtime/redis.ts sets the Redis feed once connected). */
export function setFeedStore(store: FeedStore): void {
  holder.store = store;
  holder.following = roomFollowing(store);
}

function current(): { store: FeedStore; following: RoomFollowing } {
  if (!holder.store || !holder.following) setFeedStore(memoryFeed());
  return { store: holder.store!, following: holder.following! };
}

/** Appends a message to a room's feed; resolves with its id once stored and announced. */
export function publishToRoom(room: string, event: string, message: unknown): Promise<string> {
  return current().store.append(room, event, message);
}

/** The id of a room's newest event, or FEED_START: where a new connection starts following. */
export function latestInRoom(room: string): Promise<string> {
  return current().store.latest(room);
}

/** Follows a room from `after` (replaying what came since) or from now. */
export function followRoom(...args: Parameters<RoomFollowing['follow']>): ReturnType<RoomFollowing['follow']> {
  return current().following.follow(...args);
}

/** Forgets the feed (graceful shutdown, after Redis closes). */
export async function closeFeed(): Promise<void> {
  const store = holder.store;
  holder.store = undefined;
  holder.following = undefined;
  await store?.close();
}
