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
  /** Socket.IO, or SSE: from the start, or after the socket could not get through (see FALLBACK_AFTER_FAILURES). */
  readonly mode: LiveMode;
  status(): LiveStatus;
  /** Calls `listener` with each message named `event`; returns the unsubscribe. */
  on<T>(event: string, listener: (message: T) => void): () => void;
  onStatus(listener: (status: LiveStatus) => void): () => void;
  /** Messages may have been missed (a resync after a long gap): reload what is shown. */
  onResync(listener: () => void): () => void;
  /** Calls `listener` when the channel switches transport: from Socket.IO to SSE, once at most. */
  onMode(listener: (mode: LiveMode) => void): () => void;
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

/** What a transport reports to the channel that owns the listeners; a transport that was closed reports nothing. */
interface Sink {
  readonly messages: MessageListeners;
  setStatus(next: LiveStatus): void;
  resync(): void;
}

interface Transport {
  /** Starts receiving `event` (its first listener was just added). */
  listen(event: string): void;
  close(): void;
}

/**
 * When the socket gives way to SSE. It is WebSocket only (see `openSocket`), so where a proxy or a network refuses
 * WebSocket upgrades it never connects, while SSE, plain HTTP, gets through. The rule:
 * - before the socket's first connection, this many failed attempts (about 3 s with Socket.IO's backoff), or
 *   FALLBACK_AFTER_MS without connecting (an upgrade that hangs rather than fails), switch the page to SSE for good;
 * - once connected, the socket is known to get through: a later drop (a deploy, a network blip) reconnects over
 *   Socket.IO as before, so a tab never flaps between transports;
 * - a handshake the server refuses (signed out) is not a blocked WebSocket: SSE would be refused too, so it stays.
 */
const FALLBACK_AFTER_FAILURES = 3;
const FALLBACK_AFTER_MS = 10_000;

/**
 * Socket.IO's client (about 13 kB gzipped) is fetched after the page has hydrated rather than with it:
 * nothing a page paints waits for the live channel. Listeners added meanwhile are kept and attached
 * once the socket exists. `onUnreachable` runs once if the WebSocket cannot be established (the rule above).
 */
function openSocket(sink: Sink, onUnreachable: () => void): Transport & { socket: Promise<Socket> } {
  let lastEventId: string | undefined;
  let loaded: Socket | undefined;
  let closed = false;
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
    let hasConnected = false;
    let failures = 0;
    const giveUp = () => {
      clearTimeout(deadline);
      if (!hasConnected && !closed) onUnreachable();
    };
    const deadline = setTimeout(giveUp, FALLBACK_AFTER_MS);
    connected.onAny((_event: string, _message: unknown, resumeId?: unknown) => {
      if (typeof resumeId === 'string') lastEventId = resumeId;
    });
    connected.on('connect', () => {
      hasConnected = true;
      clearTimeout(deadline);
      sink.setStatus('live');
    });
    connected.on('disconnect', () => sink.setStatus('offline'));
    connected.on('connect_error', () => {
      sink.setStatus('offline');
      if (hasConnected) return;
      // Not active: the server refused the handshake itself, which SSE would not change.
      if (!connected.active) clearTimeout(deadline);
      else if (++failures >= FALLBACK_AFTER_FAILURES) giveUp();
    });
    connected.io.on('reconnect_attempt', () => sink.setStatus('connecting'));
    connected.on(SOCKET_RESYNC, () => sink.resync());
    // From here on `listen` attaches new events itself; these are the ones asked for before.
    loaded = connected;
    for (const event of sink.messages.events()) connected.on(event, (message: unknown) => sink.messages.emit(event, message));
    return connected;
  });
  // A chunk that cannot be fetched (the app was redeployed under this page): the page polls as without a channel.
  socket.catch(() => sink.setStatus('offline'));
  return {
    socket,
    listen: (event) => loaded?.on(event, (message: unknown) => sink.messages.emit(event, message)),
    close: () => {
      closed = true;
      loaded?.disconnect();
    },
  };
}

function openStream(sink: Sink): Transport {
  let lastEventId: string | undefined;
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const listen = (target: EventSource, event: string) =>
    target.addEventListener(event, (received) => {
      const { data, lastEventId: id } = received as MessageEvent<string>;
      if (id) lastEventId = id;
      sink.messages.emit(event, JSON.parse(data) as unknown);
    });
  const open = () => {
    // A new EventSource sends no Last-Event-ID: the query carries it.
    const target = new EventSource(lastEventId ? `${STREAM_PATH}?last_event_id=${encodeURIComponent(lastEventId)}` : STREAM_PATH);
    source = target;
    target.addEventListener(CONTROL_EVENTS.ready, (received) => {
      lastEventId = (received as MessageEvent<string>).lastEventId || lastEventId;
      failures = 0;
      sink.setStatus('live');
    });
    target.addEventListener(CONTROL_EVENTS.resync, () => sink.resync());
    for (const event of sink.messages.events()) listen(target, event);
    target.onerror = () => {
      if (target.readyState === EventSource.CONNECTING) return sink.setStatus('connecting');
      // Closed for good (an error status, signed out): try again later with a new stream.
      sink.setStatus('offline');
      target.close();
      const delay = RETRY_DELAYS_MS[Math.min(failures++, RETRY_DELAYS_MS.length - 1)];
      retry = setTimeout(open, delay);
    };
  };
  open();
  return {
    listen: (event) => source && listen(source, event),
    close: () => {
      clearTimeout(retry);
      source?.close();
    },
  };
}

type Channel = LiveChannel & {
  /** The Socket.IO connection while the channel runs over it. */
  readonly socket: Promise<Socket> | undefined;
};

/** A channel over `mode`, which falls back from Socket.IO to SSE where WebSockets do not get through. */
function openChannel(initial: LiveMode): Channel {
  const statusListeners = new Listeners<[LiveStatus]>();
  const resyncListeners = new Listeners<[]>();
  const modeListeners = new Listeners<[LiveMode]>();
  const messages = new MessageListeners();
  let mode = initial;
  let status: LiveStatus = 'connecting';
  let socket: Promise<Socket> | undefined;
  let transport: Transport;
  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    statusListeners.emit(next);
  };
  // Each transport reports through its own sink, which goes quiet once another transport has taken over.
  const sinkOf = (isCurrent: () => boolean): Sink => ({
    messages,
    setStatus: (next) => isCurrent() && setStatus(next),
    resync: () => isCurrent() && resyncListeners.emit(),
  });
  const fallBackToStream = () => {
    transport.close();
    socket = undefined;
    mode = 'sse';
    setStatus('connecting');
    const stream = openStream(sinkOf(() => transport === stream));
    transport = stream;
    modeListeners.emit(mode);
  };
  if (initial === 'socket') {
    const opened = openSocket(sinkOf(() => transport === opened), fallBackToStream);
    socket = opened.socket;
    transport = opened;
  } else {
    const stream = openStream(sinkOf(() => transport === stream));
    transport = stream;
  }
  return {
    get mode() {
      return mode;
    },
    get socket() {
      return socket;
    },
    status: () => status,
    on<T>(event: string, listener: (message: T) => void) {
      return messages.add(event, listener as (message: unknown) => void, () => transport.listen(event));
    },
    onStatus: (listener) => statusListeners.add(listener),
    onResync: (listener) => resyncListeners.add(listener),
    onMode: (listener) => modeListeners.add(listener),
  };
}

let channel: Channel | null | undefined;

function pageChannel(): Channel | undefined {
  if (typeof document === 'undefined') return undefined;
  if (channel === undefined) {
    const mode = document.documentElement.dataset.realtime;
    channel = mode === 'socket' ? openChannel('socket') : mode === 'sse' && typeof EventSource !== 'undefined' ? openChannel('sse') : null;
  }
  return channel ?? undefined;
}

/** The page's live channel, or undefined where there is none (pages poll instead). */
export function liveChannel(): LiveChannel | undefined {
  return pageChannel();
}

/**
 * Runs `attach` with the shared Socket.IO connection once it exists, where the server runs one (the AI
 * chat's requests go over it); returns the cleanup: `attach`'s own, or, before the socket came, a cancel.
 * Undefined where there is no socket, including after the channel fell back to SSE (`onMode` says when).
 */
export function withSocket(attach: (socket: Socket) => () => void): (() => void) | undefined {
  const socket = pageChannel()?.socket;
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
