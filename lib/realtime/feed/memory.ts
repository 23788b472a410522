/**
 * The feed of one process, in memory: what `npm start` and a single `next start` use without Redis.
 * Rooms keep FEED_RETENTION_MS of events (and at most FEED_READ_LIMIT); idle rooms are forgotten.
 */
import { compareEventIds, FEED_START } from './event-id';
import { FEED_READ_LIMIT, FEED_RETENTION_MS, type FeedEvent, type FeedRead, type FeedStore } from './types';

interface Room {
  events: FeedEvent[];
  /** The newest event dropped for the count cap; a read from before it is incomplete. */
  dropped: string;
}

const SWEEP_INTERVAL_MS = 60_000;

export function memoryFeed(now: () => number = Date.now): FeedStore {
  const rooms = new Map<string, Room>();
  const listeners: ((room: string) => void)[] = [];
  // Ids from before this store began (an earlier process) may have events this one never saw.
  const began = `${now()}-0`;
  let lastTime = 0;
  let sequence = 0;

  const nextId = () => {
    const time = Math.max(now(), lastTime);
    sequence = time === lastTime ? sequence + 1 : 0;
    lastTime = time;
    return `${time}-${sequence}`;
  };
  const oldestKept = () => `${now() - FEED_RETENTION_MS}-0`;
  const forgetOld = (room: Room) => {
    const cutoff = oldestKept();
    const stale = room.events.findIndex((event) => compareEventIds(event.id, cutoff) >= 0);
    if (stale !== 0) room.events.splice(0, stale === -1 ? room.events.length : stale);
  };
  const sweep = setInterval(() => {
    for (const [name, room] of rooms) {
      forgetOld(room);
      if (room.events.length === 0) rooms.delete(name);
    }
  }, SWEEP_INTERVAL_MS);
  sweep.unref();

  return {
    append(name, event, message) {
      const id = nextId();
      let room = rooms.get(name);
      if (!room) rooms.set(name, (room = { events: [], dropped: FEED_START }));
      room.events.push({ id, event, message });
      if (room.events.length > FEED_READ_LIMIT) room.dropped = room.events.shift()!.id;
      for (const listener of listeners) listener(name);
      return Promise.resolve(id);
    },
    read(name, after) {
      const room = rooms.get(name);
      if (room) forgetOld(room);
      const events = room?.events ?? [];
      // From the end: a reader is usually one or two events behind, whatever the room holds.
      let from = events.length;
      while (from > 0 && compareEventIds(events[from - 1]!.id, after) > 0) from--;
      const found = events.slice(from, from + FEED_READ_LIMIT);
      // FEED_START is "everything kept": a cursor taken from an empty room, never an id a client saw.
      const forgotten = after !== FEED_START && [began, oldestKept(), room?.dropped ?? FEED_START].some((cutoff) => compareEventIds(after, cutoff) < 0);
      const read: FeedRead = { events: found, complete: !forgotten && from + FEED_READ_LIMIT >= events.length };
      return Promise.resolve(read);
    },
    latest(name) {
      return Promise.resolve(rooms.get(name)?.events.at(-1)?.id ?? FEED_START);
    },
    onAppend(listener) {
      listeners.push(listener);
    },
    close() {
      clearInterval(sweep);
      rooms.clear();
      return Promise.resolve();
    },
  };
}
