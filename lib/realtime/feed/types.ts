/** One message in a room's feed, with the id a client resumes from (SSE's `id:`, Last-Event-ID). */
export interface FeedEvent {
  id: string;
  event: string;
  message: unknown;
}

/**
 * What a read after some id found. `complete` is false when events after that id may have been
 * dropped (older than FEED_RETENTION_MS, past the per-read cap, or before this process's memory
 * began): the client then reloads its state instead of trusting the replay.
 */
export interface FeedRead {
  events: FeedEvent[];
  complete: boolean;
}

/** Where rooms' recent events are kept, and how their appends are announced to every instance. */
export interface FeedStore {
  /** Stores one event and announces it; resolves with its id. */
  append(room: string, event: string, message: unknown): Promise<string>;
  /** The room's events after `after`, oldest first, at most FEED_READ_LIMIT. */
  read(room: string, after: string): Promise<FeedRead>;
  /** The id of the room's newest event, or FEED_START. */
  latest(room: string): Promise<string>;
  /** Called with the room of every event appended on any instance of the app (this one included). */
  onAppend(listener: (room: string) => void): void;
  close(): Promise<void>;
}

/** How long a room's events are kept for clients that reconnect. */
export const FEED_RETENTION_MS = 10 * 60_000;
/** The most events one read returns: a client further behind reloads its state instead. */
export const FEED_READ_LIMIT = 1_000;
