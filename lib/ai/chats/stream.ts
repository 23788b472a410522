/**
 * A chat's event stream: numbers each event (seq 1, 2, 3… per chat), emits it to the chat's
 * Socket.IO room, and persists it to `chat_events` in small batches.
 *
 * Every event of a chat passes through one `ChatStream` object in this process (streams are
 * process-wide singletons, shared by Next's bundles and the custom server's), so a joining socket can
 * take "everything after seq N" and enter the room in one synchronous step: nothing is emitted in
 * between, so nothing is missed and nothing arrives twice.
 *
 * With several instances, a chat's runs may take turns on different ones (one at a time, through the
 * chat's lease, ./lease.ts), so a copy here without a run of its own may lag behind the store: it
 * catches up from `chat_events` before every use, and a run starting here numbers its events after
 * the last stored one.
 */
import { CHAT_EVENT, type AnyChatEvent, type ChatEvent, type ChatEventData, type ChatEventType } from '@/lib/ai/protocol';
import { database, MAX_FIND_LIMIT, type Collection } from '@/lib/db';
import { publishToRoom } from '@/lib/realtime/feed';
import { chatRoom } from '@/lib/realtime/rooms';
import { socketHolder } from '@/lib/realtime/send';
import { keepAliveUntilSettled } from '@/lib/runtime/after-response';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';
import { hasPeers } from './lease';
import type { ChatOwner } from './store';

/** How long appended events wait to be written together. */
const FLUSH_DELAY_MS = 20;
/** Streams kept in memory when idle (no run, nothing unwritten); the least recently used go first. */
const MAX_IDLE_STREAMS = 200;

/** An event as `chat_events` holds it: `stored_at` drives retention (CHAT_EVENT_RETENTION_SECONDS). */
type StoredEvent = AnyChatEvent & { _id: string; stored_at: Date };

function eventsCollection(owner: ChatOwner): Collection<StoredEvent> {
  return database({ appId: owner.app_id }).forUser(owner.user_id).collection<StoredEvent>('chat_events');
}

export class ChatStream {
  private readonly events: AnyChatEvent[];
  private unwritten: AnyChatEvent[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> | null = null;
  /** Set while a run appends to this stream, so it is never evicted mid-run. */
  active = false;

  constructor(
    readonly owner: ChatOwner,
    readonly chatId: string,
    stored: AnyChatEvent[],
  ) {
    this.events = stored;
  }

  get lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  get isIdle(): boolean {
    return !this.active && this.unwritten.length === 0 && !this.flushing;
  }

  /** Numbers, emits and queues one event for writing; returns it. */
  append<T extends ChatEventType>(type: T, data: ChatEventData[T]): ChatEvent<T> {
    const event = { type, chat_id: this.chatId, seq: this.lastSeq + 1, timestamp: new Date().toISOString(), data } as ChatEvent<T>;
    this.events.push(event as AnyChatEvent);
    this.unwritten.push(event as AnyChatEvent);
    const room = chatRoom(this.owner.app_id, this.chatId);
    // Sockets join the chat's room; SSE streams follow the room's feed (lib/ai/transport/sse.ts), on a server with
    // Socket.IO too: a page whose WebSockets are blocked streams its chat over SSE rather than polling.
    socketHolder.io?.to(room).emit(CHAT_EVENT, event);
    keepAliveUntilSettled(publishToRoom(room, CHAT_EVENT, event).catch((error: unknown) => logger.warn('chat event not published', { chat_id: this.chatId, error })));
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
    return event;
  }

  /** Events with seq greater than `seq`, in order. */
  after(seq: number): AnyChatEvent[] {
    if (seq <= 0) return [...this.events];
    // Events are numbered from 1 without gaps, so the index of seq N is N - 1.
    return this.events.slice(Math.min(seq, this.events.length));
  }

  /**
   * Adds the events stored after this copy's last one, which runs on other instances appended. A
   * stream a run here appends to is complete already. Single-flight, and only the next number is
   * ever added, so two catch-ups never add an event twice.
   */
  async catchUp(): Promise<void> {
    // Alone (no peers), every event of this chat went through this copy: nothing to read, and a run start
    // need not pay for the query (docs/performance.md, AI runtime).
    if (this.active || !hasPeers()) return;
    this.catchingUp ??= loadEvents(this.owner, this.chatId, this.lastSeq)
      .then((stored) => {
        for (const event of stored) if (event.seq === this.lastSeq + 1) this.events.push(event);
      })
      .finally(() => {
        this.catchingUp = null;
      });
    await this.catchingUp;
  }

  /** Writes every queued event; resolves once they are stored (a failed write is retried on the next flush). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing) await this.flushing;
    if (this.unwritten.length === 0) return;
    const batch = this.unwritten;
    this.unwritten = [];
    const stored_at = new Date();
    this.flushing = eventsCollection(this.owner)
      .insertMany(batch.map((event) => ({ ...event, _id: `${this.chatId}:${event.seq}`, stored_at })))
      .then(
        () => undefined,
        (error: unknown) => {
          logger.error('chat events not stored; retrying', { chat_id: this.chatId, count: batch.length, error });
          this.unwritten = [...batch, ...this.unwritten];
          this.timer ??= setTimeout(() => void this.flush(), 1_000);
        },
      )
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }
}

const streams = processSingleton('ai-chat-streams', () => ({ byChat: new Map<string, ChatStream>(), loading: new Map<string, Promise<ChatStream>>() }));

function evictIdle(): void {
  if (streams.byChat.size <= MAX_IDLE_STREAMS) return;
  for (const [chatId, stream] of streams.byChat) {
    if (streams.byChat.size <= MAX_IDLE_STREAMS) break;
    if (stream.isIdle) streams.byChat.delete(chatId);
  }
}

/** The stored events of a chat after `afterSeq`, in order, a page at a time. */
async function loadEvents(owner: ChatOwner, chatId: string, afterSeq = 0): Promise<AnyChatEvent[]> {
  const events: AnyChatEvent[] = [];
  for (;;) {
    const page = await eventsCollection(owner).find({ chat_id: chatId, seq: { $gt: events.at(-1)?.seq ?? afterSeq } }, { sort: { seq: 1 }, limit: MAX_FIND_LIMIT });
    for (const { _id: _stored, app_id: _app, user_id: _user, stored_at: _at, ...event } of page as (StoredEvent & { app_id?: string; user_id?: string })[]) {
      events.push(event as AnyChatEvent);
    }
    if (page.length < MAX_FIND_LIMIT) return events;
  }
}

/**
 * The stream of a chat the caller already knows is `owner`'s: loaded from `chat_events` once, then
 * kept in memory (single-flight, so two joins never load two copies), and caught up with the store
 * when other instances may have appended to it.
 */
export async function chatStream(owner: ChatOwner, chatId: string): Promise<ChatStream> {
  const cached = streams.byChat.get(chatId);
  if (cached && cached.owner.user_id === owner.user_id && cached.owner.app_id === owner.app_id) {
    // Most recently used last, for eviction.
    streams.byChat.delete(chatId);
    streams.byChat.set(chatId, cached);
    await cached.catchUp();
    return cached;
  }
  let loading = streams.loading.get(chatId);
  if (!loading) {
    loading = loadEvents(owner, chatId)
      .then((stored) => {
        const stream = new ChatStream(owner, chatId, stored);
        streams.byChat.set(chatId, stream);
        evictIdle();
        return stream;
      })
      .finally(() => streams.loading.delete(chatId));
    streams.loading.set(chatId, loading);
  }
  return loading;
}

/** Stored events of a chat after `seq` (for the events route; the stream answers from memory when loaded). */
export async function chatEventsAfter(owner: ChatOwner, chatId: string, seq: number): Promise<AnyChatEvent[]> {
  return (await chatStream(owner, chatId)).after(seq);
}

/** Writes every stream's queued events (graceful shutdown). */
export async function flushChatStreams(): Promise<void> {
  await Promise.all([...streams.byChat.values()].map((stream) => stream.flush()));
}
