/**
 * Following rooms: each connection (an SSE stream, a socket) follows its rooms from a cursor, and
 * receives every later event once, in order. One tail per room and instance reads the room's new
 * events when an append is announced and hands them to the room's followers, so a room followed by
 * 2,000 connections costs one read per event, not 2,000.
 *
 * A follower that resumes from an id first replays what it missed, buffering live events meanwhile;
 * both pass the same cursor check (an event is delivered only if it is after the last one delivered),
 * so an event that arrives both ways is delivered once.
 */
import { logger } from '@/lib/runtime/logger';
import { compareEventIds } from './event-id';
import type { FeedEvent, FeedStore } from './types';

export interface FollowHandlers {
  deliver(event: FeedEvent): void;
  /** Events after the follower's cursor were dropped: it should reload its state. */
  resync(): void;
}

export interface Following {
  /** The id of the last event delivered (or the starting point). */
  readonly cursor: string;
  stop(): void;
}

class Follower implements Following {
  /** Live events held back while the replay is delivered. */
  private held: FeedEvent[] | null = [];

  constructor(
    public cursor: string,
    private readonly handlers: FollowHandlers,
    private readonly onStop: (follower: Follower) => void,
  ) {}

  offer(event: FeedEvent): void {
    if (this.held) this.held.push(event);
    else this.deliver(event);
  }

  /** Ends the replay: the held live events follow it. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.deliver(event);
  }

  deliver(event: FeedEvent): void {
    if (compareEventIds(event.id, this.cursor) <= 0) return;
    this.cursor = event.id;
    this.handlers.deliver(event);
  }

  resync(): void {
    this.handlers.resync();
  }

  stop(): void {
    this.onStop(this);
  }
}

/** The new events of one room on this instance, read once per announcement and handed to its followers. */
class RoomTail {
  readonly followers = new Set<Follower>();
  private reading = false;
  private again = false;

  constructor(
    private readonly store: FeedStore,
    private readonly room: string,
    public cursor: string,
  ) {}

  /** An append was announced: read until nothing is new (announcements during a read cause one more read). */
  poke(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    void this.readNew().finally(() => {
      this.reading = false;
    });
  }

  private async readNew(): Promise<void> {
    do {
      this.again = false;
      try {
        const { events, complete } = await this.store.read(this.room, this.cursor);
        if (!complete) for (const follower of this.followers) follower.resync();
        for (const event of events) {
          this.cursor = event.id;
          for (const follower of this.followers) follower.offer(event);
        }
        // A full page: more may be waiting.
        if (!complete && events.length > 0) this.again = true;
      } catch (error) {
        // Redis away: the next announcement (they resume with Redis) reads from the same cursor.
        logger.warn('realtime feed read failed', { room: this.room, error });
      }
    } while (this.again && this.followers.size > 0);
  }
}

/** Follows rooms of one feed store; one per process (see ./index.ts). */
export function roomFollowing(store: FeedStore) {
  const tails = new Map<string, Promise<RoomTail>>();
  store.onAppend((room) => {
    void tails.get(room)?.then((tail) => tail.poke());
  });

  const tailOf = (room: string): Promise<RoomTail> => {
    let tail = tails.get(room);
    if (!tail) {
      tail = store.latest(room).then((latest) => new RoomTail(store, room, latest));
      tails.set(room, tail);
      // A failed first read leaves no broken tail behind for the next follower.
      tail.catch(() => tails.delete(room));
    }
    return tail;
  };

  /**
   * Follows `room` from `after` (an event id the client saw; replays what came since), or from now.
   * Resolves once following; deliveries may start before it resolves.
   */
  async function follow(room: string, after: string | undefined, handlers: FollowHandlers): Promise<Following> {
    let pending: Promise<RoomTail>;
    let tail: RoomTail;
    // The tail may have lost its last follower (and left the map) while we waited: take the current one.
    do {
      pending = tailOf(room);
      tail = await pending;
    } while (tails.get(room) !== pending);
    const follower = new Follower(after ?? tail.cursor, handlers, (stopped) => {
      tail.followers.delete(stopped);
      if (tail.followers.size === 0 && tails.get(room) === pending) tails.delete(room);
    });
    tail.followers.add(follower);
    if (after !== undefined) {
      try {
        const replay = await store.read(room, after);
        if (!replay.complete) follower.resync();
        for (const event of replay.events) follower.deliver(event);
      } catch (error) {
        follower.stop();
        throw error;
      }
    }
    follower.release();
    return follower;
  }

  return { follow };
}

export type RoomFollowing = ReturnType<typeof roomFollowing>;
