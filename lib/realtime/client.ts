/**
 * The browser's one live channel, shared by the shell and plugin pages: Socket.IO where the server
 * runs it (the custom server), Server-Sent Events where it does not (plain `next start`, serverless),
 * and none where neither works (pages then poll). The layout says which: <html data-realtime>.
 *
 * Both transports resume: each message carries its resume id, which the channel hands back when it
 * reconnects (the socket's auth, EventSource's Last-Event-ID), so the server replays what this tab
 * missed, once. When it cannot (the gap is too old), a `resync` tells the pages to reload what they show.
 */
import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';

export type LiveMode = 'socket' | 'sse';
export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface LiveChannel {
  readonly mode: LiveMode;
  status(): LiveStatus;
  /** Calls `listener` with each message named `event`; returns the unsubscribe. */
  on<T>(event: string, listener: (message: T) => void): () => void;
  onStatus(listener: (status: LiveStatus) => void): () => void;
  /** Messages may have been missed (a resync after a long gap): reload what is shown. */
  onResync(listener: () => void): () => void;
}

/** The SSE endpoint (lib/api/endpoints/realtime.ts). */
export const STREAM_PATH = '/api/realtime/stream';
/** Events of the stream that are not messages. */
const CONTROL_EVENTS = { ready: 'ready', resync: 'resync' } as const;
/** The socket's equivalent of `resync` (lib/realtime/index.ts). */
const SOCKET_RESYNC = 'realtime:resync';
/** After the browser gives up on a stream (an error status), the channel tries again after these waits. */
const RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000];

class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...args: A) => void>();
  add(listener: (...args: A) => void): () => void {
    this.set.add(listener);
    return () => void this.set.delete(listener);
  }
  emit(...args: A): void {
    for (const listener of [...this.set]) listener(...args);
  }
}

/** A channel's listeners of each message name, kept by the channel so they outlive a transport that is not there yet. */
class MessageListeners {
  private readonly byEvent = new Map<string, Listeners<[unknown]>>();
  events(): IterableIterator<string> {
    return this.byEvent.keys();
  }
  /** Adds `listener`; `onNewEvent` runs when it is the first for `event`, to start receiving that event. */
  add(event: string, listener: (message: unknown) => void, onNewEvent: () => void): () => void {
    let listeners = this.byEvent.get(event);
    if (!listeners) {
      this.byEvent.set(event, (listeners = new Listeners()));
      onNewEvent();
    }
    return listeners.add(listener);
  }
  emit(event: string, message: unknown): void {
    this.byEvent.get(event)?.emit(message);
  }
}

/**
 * Socket.IO's client (about 13 kB gzipped) is fetched after the page has hydrated rather than with it:
 * nothing a page paints waits for the live channel. Listeners added meanwhile are kept and attached
 * once the socket exists; `withSocket` hands the socket itself to those who talk over it.
 */
function socketChannel(): LiveChannel & { socket: Promise<Socket> } {
  let lastEventId: string | undefined;
  const statusListeners = new Listeners<[LiveStatus]>();
  const resyncListeners = new Listeners<[]>();
  const messages = new MessageListeners();
  let status: LiveStatus = 'connecting';
  const setStatus = (next: LiveStatus) => {
    status = next;
    statusListeners.emit(next);
  };
  let loaded: Socket | undefined;
  const socket = import('socket.io-client').then(({ io }) => {
    const connected = io({
      path: '/socket.io',
      // WebSocket only: HTTP long-polling sends each request of one session separately, so behind a round-robin
      // proxy (several instances, no sticky sessions; docker-compose.yml) they would reach instances that do not know it.
      transports: ['websocket'],
      reconnectionDelayMax: 10_000,
      // Read at every (re)connection: the server replays what came after it.
      auth: (send) => send(lastEventId ? { last_event_id: lastEventId } : {}),
    });
    connected.onAny((_event: string, _message: unknown, resumeId?: unknown) => {
      if (typeof resumeId === 'string') lastEventId = resumeId;
    });
    connected.on('connect', () => setStatus('live'));
    connected.on('disconnect', () => setStatus('offline'));
    connected.on('connect_error', () => setStatus('offline'));
    connected.io.on('reconnect_attempt', () => setStatus('connecting'));
    connected.on(SOCKET_RESYNC, () => resyncListeners.emit());
    // From here on `on` attaches new events itself; these are the ones asked for before.
    loaded = connected;
    for (const event of messages.events()) connected.on(event, (message: unknown) => messages.emit(event, message));
    return connected;
  });
  // A chunk that cannot be fetched (the app was redeployed under this page): the page polls as without a channel.
  socket.catch(() => setStatus('offline'));
  return {
    mode: 'socket',
    socket,
    status: () => status,
    on<T>(event: string, listener: (message: T) => void) {
      return messages.add(event, listener as (message: unknown) => void, () => loaded?.on(event, (message: unknown) => messages.emit(event, message)));
    },
    onStatus: (listener) => statusListeners.add(listener),
    onResync: (listener) => resyncListeners.add(listener),
  };
}

function sseChannel(): LiveChannel {
  const statusListeners = new Listeners<[LiveStatus]>();
  const resyncListeners = new Listeners<[]>();
  const messages = new MessageListeners();
  let status: LiveStatus = 'connecting';
  let lastEventId: string | undefined;
  let source: EventSource | undefined;
  let failures = 0;
  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    statusListeners.emit(next);
  };
  const listen = (target: EventSource, event: string) =>
    target.addEventListener(event, (received) => {
      const { data, lastEventId: id } = received as MessageEvent<string>;
      if (id) lastEventId = id;
      messages.emit(event, JSON.parse(data) as unknown);
    });
  const open = () => {
    // A new EventSource sends no Last-Event-ID: the query carries it.
    const target = new EventSource(lastEventId ? `${STREAM_PATH}?last_event_id=${encodeURIComponent(lastEventId)}` : STREAM_PATH);
    source = target;
    target.addEventListener(CONTROL_EVENTS.ready, (received) => {
      lastEventId = (received as MessageEvent<string>).lastEventId || lastEventId;
      failures = 0;
      setStatus('live');
    });
    target.addEventListener(CONTROL_EVENTS.resync, () => resyncListeners.emit());
    for (const event of messages.events()) listen(target, event);
    target.onerror = () => {
      if (target.readyState === EventSource.CONNECTING) return setStatus('connecting');
      // Closed for good (an error status, signed out): try again later with a new stream.
      setStatus('offline');
      target.close();
      const delay = RETRY_DELAYS_MS[Math.min(failures++, RETRY_DELAYS_MS.length - 1)];
      setTimeout(open, delay);
    };
  };
  open();
  return {
    mode: 'sse',
    status: () => status,
    on<T>(event: string, listener: (message: T) => void) {
      return messages.add(event, listener as (message: unknown) => void, () => source && listen(source, event));
    },
    onStatus: (listener) => statusListeners.add(listener),
    onResync: (listener) => resyncListeners.add(listener),
  };
}

let channel: (LiveChannel & { socket?: Promise<Socket> }) | null | undefined;

/** The page's live channel, or undefined where there is none (pages poll instead). */
export function liveChannel(): LiveChannel | undefined {
  if (typeof document === 'undefined') return undefined;
  if (channel === undefined) {
    const mode = document.documentElement.dataset.realtime;
    channel = mode === 'socket' ? socketChannel() : mode === 'sse' && typeof EventSource !== 'undefined' ? sseChannel() : null;
  }
  return channel ?? undefined;
}

/**
 * Runs `attach` with the shared Socket.IO connection once it exists, where the server runs one (the AI
 * chat's requests go over it); returns the cleanup: `attach`'s own, or, before the socket came, a cancel.
 * Undefined where there is no socket.
 */
export function withSocket(attach: (socket: Socket) => () => void): (() => void) | undefined {
  liveChannel();
  const socket = channel?.socket;
  if (!socket) return undefined;
  let detach: (() => void) | undefined;
  let cancelled = false;
  void socket.then(
    (connected) => {
      if (!cancelled) detach = attach(connected);
    },
    () => undefined,
  );
  return () => {
    cancelled = true;
    detach?.();
  };
}

/** Calls `handler` for every `event` pushed to this user, while the component is mounted. */
export function useRealtimeEvent<T>(event: string, handler: (message: T) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => liveChannel()?.on<T>(event, (message) => latest.current(message)), [event]);
}
