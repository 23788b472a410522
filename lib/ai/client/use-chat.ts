'use client';
/**
 * One chat, live in the browser. On mount the hook joins the chat's room over the shared socket with
 * the last `seq` it has (from server-rendered events, or -1), applies the replay and then the live
 * events through the transcript reducer, and joins again with its latest `seq` after every
 * reconnect, so nothing is missed or doubled; a live event that skips a number waits while the
 * missing ones are fetched (./gap-repair.ts: with several instances a join can fall between an event
 * sent and the same event stored). Where the page's live channel is SSE (a server without sockets, or
 * WebSockets blocked) it follows the chat's SSE stream, and without a live channel it polls the events
 * route. Remount it (a React `key`) to show another chat.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiRequestError } from '@/lib/http/browser';
import type { Socket } from 'socket.io-client';
import { liveChannel, withSocket } from '@/lib/realtime/client';
import { CHAT_EVENT, CLIENT_MESSAGES, type AnyChatEvent, type ChatAck, type ChatMeta } from '../protocol';
import { chatStreamPath, fetchChatEvents, sendChatMessage, stopChat, submitInput, type ChatAddress } from './api';
import { createGapRepair } from './gap-repair';
import { addPendingMessage, applyEvents, applyMeta, createTranscript, dropPendingMessage, type TranscriptState } from './transcript';

/** `reconnecting`: the socket is trying again; `offline`: it has failed for a while, or the device is offline. */
export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

/** After this many failed reconnection attempts (about 7 s with Socket.IO's backoff) the chat counts as offline. */
const ATTEMPTS_BEFORE_OFFLINE = 3;
/** How long a join may wait for the server's acknowledgement. */
const JOIN_TIMEOUT_MS = 10_000;
/** How often a chat without a socket asks for new events. */
const POLL_INTERVAL_MS = 3_000;

export interface UseChatOptions extends Omit<ChatAddress, 'workflowName'> {
  /** Known from the page or the start route; otherwise taken from the chat's meta once joined. */
  workflowName?: string;
  /** Events the server rendered the page with; the join asks only for the ones after them. */
  initialEvents?: readonly AnyChatEvent[];
  initialMeta?: ChatMeta | null;
}

export type InputAnswer = { decision: 'approve' | 'deny' } | { text: string };

export interface ChatController {
  transcript: TranscriptState;
  meta: ChatMeta | null;
  connection: ConnectionState;
  /** The server confirmed the join (or, without a socket, answered the first catch-up). */
  isJoined: boolean;
  /** Events above this `seq` arrived live; at or below it they were history (for announcements). */
  liveAfterSeq: number;
  /** The last action's failure (its `detail`), else why joining the chat failed. */
  error: string | null;
  isSending: boolean;
  isStopping: boolean;
  /** Input requests whose answer is on its way. */
  answering: ReadonlySet<string>;
  /** Sends a message; false (with `error` set) when the server refused it. */
  send(text: string): Promise<boolean>;
  answer(inputRequestId: string, answer: InputAnswer): Promise<boolean>;
  stop(): Promise<boolean>;
  dismissError(): void;
}

type Action =
  | { type: 'events'; events: readonly AnyChatEvent[] }
  | { type: 'meta'; meta: ChatMeta }
  | { type: 'pending'; key: string; content: string }
  | { type: 'drop'; key: string };

function reduce(state: TranscriptState, action: Action): TranscriptState {
  switch (action.type) {
    case 'events':
      return applyEvents(state, action.events);
    case 'meta':
      return applyMeta(state, action.meta);
    case 'pending':
      return addPendingMessage(state, action.key, action.content);
    case 'drop':
      return dropPendingMessage(state, action.key);
  }
}

/**
 * How many mounted hooks show each chat. The socket is in a room once whatever joined it, so only
 * the last one to unmount leaves (the widget and a page may show the same chat for a moment).
 */
const viewers = new Map<string, number>();

const detailOf = (caught: unknown) => (caught instanceof ApiRequestError ? caught.message : 'Something went wrong. Try again.');

/** Keeps one chat's transcript live and offers the user's actions on it. */
export function useChat(options: UseChatOptions): ChatController {
  const { chatId, appId, userId, workflowName } = options;
  const [transcript, dispatch] = useReducer(reduce, options, (initial) => {
    const empty = createTranscript(initial.chatId);
    const withEvents = applyEvents(empty, initial.initialEvents ?? []);
    return initial.initialMeta ? applyMeta(withEvents, initial.initialMeta) : withEvents;
  });
  const [meta, setMeta] = useState<ChatMeta | null>(options.initialMeta ?? null);
  const [connection, setConnection] = useState<ConnectionState>('connected');
  const [isJoined, setJoined] = useState(false);
  const [liveAfterSeq, setLiveAfterSeq] = useState(Number.POSITIVE_INFINITY);
  const [error, setError] = useState<string | null>(null);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const [isStopping, setStopping] = useState(false);
  const [answering, setAnswering] = useState<ReadonlySet<string>>(new Set());
  const lastSeq = useRef(transcript.lastSeq);
  const catchUp = useRef<() => void>(() => undefined);
  const pendingCount = useRef(0);

  useEffect(() => {
    lastSeq.current = transcript.lastSeq;
  }, [transcript.lastSeq]);

  useEffect(() => {
    let stop = follow();
    // Where WebSockets do not get through, the live channel falls back to SSE (once at most), and the chat leaves the socket.
    const stopWatching = liveChannel()?.onMode(() => {
      stop();
      stop = follow();
    });
    return () => {
      stopWatching?.();
      stop();
    };

    // The page's live channel decides: a socket joins the chat's room, SSE (no Socket.IO here, or WebSockets blocked)
    // opens the chat's stream, and without either the page polls.
    function follow() {
      const canStream = liveChannel()?.mode === 'sse' && typeof EventSource !== 'undefined';
      return withSocket(joinOverSocket) ?? (canStream ? streamEvents() : pollEvents());
    }

    function joinOverSocket(socket: Socket) {
      let attempts = 0;
      const receive = createGapRepair({
        lastSeq: () => lastSeq.current,
        fetchAfter: async (seq) => (await fetchChatEvents({ appId, chatId }, seq)).events,
        apply: (events) => dispatch({ type: 'events', events }),
      });
      const onEvent = (event: AnyChatEvent) => {
        if (event.chat_id === chatId) receive(event);
      };
      const join = () => {
        setConnection('connected');
        attempts = 0;
        socket.timeout(JOIN_TIMEOUT_MS).emit(CLIENT_MESSAGES.join, { chat_id: chatId, last_sequence: lastSeq.current }, (timedOut: Error | null, ack?: ChatAck<{ meta: ChatMeta }>) => {
          if (timedOut || !ack) {
            setJoinError('The chat did not answer. It tries again when the connection is back.');
            return;
          }
          if (!ack.ok) {
            setJoinError(ack.detail);
            return;
          }
          dispatch({ type: 'meta', meta: ack.meta });
          setMeta(ack.meta);
          setJoined(true);
          setLiveAfterSeq((current) => (Number.isFinite(current) ? current : Math.max(ack.meta.last_sequence, lastSeq.current)));
          setJoinError(null);
        });
      };
      const onDisconnect = (reason: string) => {
        if (reason !== 'io client disconnect') setConnection(navigator.onLine ? 'reconnecting' : 'offline');
      };
      const onAttempt = () => {
        attempts += 1;
        setConnection(!navigator.onLine || attempts >= ATTEMPTS_BEFORE_OFFLINE ? 'offline' : 'reconnecting');
      };
      const onOffline = () => setConnection('offline');
      const onOnline = () => setConnection(socket.connected ? 'connected' : 'reconnecting');

      viewers.set(chatId, (viewers.get(chatId) ?? 0) + 1);
      socket.on(CHAT_EVENT, onEvent);
      // Every connect after the first is a reconnect: the join replays what this tab missed meanwhile.
      socket.on('connect', join);
      socket.on('disconnect', onDisconnect);
      socket.io.on('reconnect_attempt', onAttempt);
      window.addEventListener('offline', onOffline);
      window.addEventListener('online', onOnline);
      if (socket.connected) join();
      else setConnection(navigator.onLine ? 'reconnecting' : 'offline');

      return () => {
        socket.off(CHAT_EVENT, onEvent);
        socket.off('connect', join);
        socket.off('disconnect', onDisconnect);
        socket.io.off('reconnect_attempt', onAttempt);
        window.removeEventListener('offline', onOffline);
        window.removeEventListener('online', onOnline);
        const remaining = (viewers.get(chatId) ?? 1) - 1;
        if (remaining > 0) viewers.set(chatId, remaining);
        else {
          viewers.delete(chatId);
          if (socket.connected) socket.emit(CLIENT_MESSAGES.leave, { chat_id: chatId });
        }
      };
    }

    /**
     * No socket (plain `next start`, serverless, WebSockets blocked): the chat's SSE stream, which sends
     * what was stored after our last `seq` and then live events; EventSource resumes by itself. A
     * stream the browser gives up on (an error status) leaves polling to take over.
     */
    function streamEvents() {
      let stopPolling: (() => void) | undefined;
      const source = new EventSource(`${chatStreamPath({ appId, chatId })}?after_sequence=${lastSeq.current}`);
      source.addEventListener(CHAT_EVENT, (received) => {
        const event = JSON.parse((received as MessageEvent<string>).data) as AnyChatEvent;
        if (event.chat_id === chatId) dispatch({ type: 'events', events: [event] });
      });
      source.addEventListener('ready', (received) => {
        const { last_sequence } = JSON.parse((received as MessageEvent<string>).data) as { last_sequence: number };
        setConnection('connected');
        setJoined(true);
        setLiveAfterSeq((current) => (Number.isFinite(current) ? current : last_sequence));
        setJoinError(null);
      });
      source.onerror = () => {
        if (source.readyState === EventSource.CONNECTING) return setConnection(navigator.onLine ? 'reconnecting' : 'offline');
        source.close();
        stopPolling ??= pollEvents();
      };
      return () => {
        source.close();
        stopPolling?.();
      };
    }

    /** No live channel for chats here: ask for new events now and then. */
    function pollEvents() {
      let active = true;
      let running = false;
      const poll = async () => {
        if (running || document.visibilityState === 'hidden') return;
        running = true;
        try {
          const page = await fetchChatEvents({ appId, chatId }, lastSeq.current);
          if (!active) return;
          dispatch({ type: 'events', events: page.events });
          setConnection('connected');
          setJoined(true);
          setLiveAfterSeq((current) => (Number.isFinite(current) ? current : page.last_sequence));
          setJoinError(null);
        } catch (caught) {
          if (!active) return;
          if (caught instanceof ApiRequestError && caught.status > 0) setJoinError(caught.message);
          else setConnection('offline');
        } finally {
          running = false;
        }
      };
      catchUp.current = () => void poll();
      void poll();
      const timer = setInterval(poll, POLL_INTERVAL_MS);
      return () => {
        active = false;
        catchUp.current = () => undefined;
        clearInterval(timer);
      };
    }
  }, [appId, chatId]);

  const knownWorkflow = workflowName ?? meta?.workflow_name ?? '';
  const address = useRef<ChatAddress>({ appId, userId, chatId, workflowName: knownWorkflow });
  useEffect(() => {
    address.current = { appId, userId, chatId, workflowName: knownWorkflow };
  }, [appId, userId, chatId, knownWorkflow]);

  const send = useCallback(async (text: string) => {
    const message = text.trim();
    if (!message) return false;
    pendingCount.current += 1;
    const key = `pending:${pendingCount.current}`;
    dispatch({ type: 'pending', key, content: message });
    setSending(true);
    try {
      await sendChatMessage(address.current, message);
      setError(null);
      catchUp.current();
      return true;
    } catch (caught) {
      dispatch({ type: 'drop', key });
      setError(detailOf(caught));
      return false;
    } finally {
      setSending(false);
    }
  }, []);

  const answer = useCallback(async (inputRequestId: string, reply: InputAnswer) => {
    setAnswering((current) => new Set(current).add(inputRequestId));
    try {
      await submitInput(inputRequestId, reply);
      setError(null);
      catchUp.current();
      return true;
    } catch (caught) {
      setError(detailOf(caught));
      return false;
    } finally {
      setAnswering((current) => {
        const next = new Set(current);
        next.delete(inputRequestId);
        return next;
      });
    }
  }, []);

  const stop = useCallback(async () => {
    if (!address.current.workflowName) {
      setError('The chat is still loading. Try again in a moment.');
      return false;
    }
    setStopping(true);
    try {
      await stopChat(address.current);
      setError(null);
      catchUp.current();
      return true;
    } catch (caught) {
      setError(detailOf(caught));
      return false;
    } finally {
      setStopping(false);
    }
  }, []);

  const dismissError = useCallback(() => setError(null), []);

  return { transcript, meta, connection, isJoined, liveAfterSeq, error: error ?? joinError, isSending, isStopping, answering, send, answer, stop, dismissError };
}
