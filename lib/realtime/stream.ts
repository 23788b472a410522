/**
 * Live messages as Server-Sent Events (`GET /api/realtime/stream`): real time where the server runs no
 * Socket.IO (plain `next start`, serverless hosts). The stream carries what a socket receives — each
 * message with its resume id as `id:`, so the browser's EventSource resends it as Last-Event-ID when it
 * reconnects and misses nothing — plus `ready` first, `resync` when messages were dropped, heartbeat
 * comments, and an end before the host's time limit for a function (the browser reconnects at once).
 */
import type { Identity } from '@/lib/auth/identity';
import { subscribe } from '@/lib/events';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';
import { RUNTIME_VERSION } from '@/lib/runtime/version';
import { followConnection, type LiveConnection } from './connection';
import { userRoom } from './rooms';

/** The browser waits this long before reconnecting (SSE `retry:`). */
const RECONNECT_DELAY_MS = 1_000;
/** Bytes a slow client may leave unread before its stream is closed (it reconnects and catches up). */
const MAX_UNREAD_BYTES = 256 * 1024;

export interface StreamTiming {
  /** The stream ends after this long (a host's function time limit); the client reconnects. */
  streamSeconds: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatSeconds: number;
}

const open = processSingleton('realtime-streams', () => ({ byRoom: new Map<string, Set<() => void>>(), stopListening: undefined as (() => void) | undefined }));

/** A suspended account's open streams end on every instance (the event reaches them all through Redis). */
function closeStreamsOfSuspendedAccounts(): void {
  open.stopListening ??= subscribe(
    'user_account_changed',
    ({ user_id, change }, event) => {
      if (change !== 'suspended') return;
      for (const close of open.byRoom.get(userRoom(event.app_id, user_id)) ?? []) close();
    },
    { id: 'realtime-suspended-streams', everyInstance: true },
  );
}

const encoder = new TextEncoder();

function frame({ id, event, data }: { id?: string; event: string; data: unknown }): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The SSE response for one authenticated client, resuming after `lastEventId` when it is one of ours. */
export function eventStream(identity: Identity, lastEventId: string | null, timing: StreamTiming): Response {
  closeStreamsOfSuspendedAccounts();
  const room = userRoom(identity.app_id, identity.user_id);
  let finish: () => void = () => {};
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        let connection: LiveConnection | undefined;
        const timers: NodeJS.Timeout[] = [];
        const send = (text: string) => {
          if (closed) return;
          controller.enqueue(encoder.encode(text));
          if ((controller.desiredSize ?? 0) < 0) finish();
        };
        finish = () => {
          if (closed) return;
          closed = true;
          for (const timer of timers) clearTimeout(timer);
          connection?.stop();
          open.byRoom.get(room)?.delete(finish);
          if (open.byRoom.get(room)?.size === 0) open.byRoom.delete(room);
          try {
            controller.close();
          } catch {
            // Already cancelled by the client: nothing left to close.
          }
        };
        const streams = open.byRoom.get(room) ?? new Set();
        open.byRoom.set(room, streams.add(finish));
        send(`retry: ${RECONNECT_DELAY_MS}\n\n`);
        timers.push(setInterval(() => send(': heartbeat\n\n'), timing.heartbeatSeconds * 1000));
        timers.push(setTimeout(finish, timing.streamSeconds * 1000));
        followConnection(identity, lastEventId, {
          deliver: (event, resumeId) => send(frame({ id: resumeId, event: event.event, data: event.message })),
          resync: () => send(frame({ event: 'resync', data: {} })),
        }).then(
          (following) => {
            if (closed) return following.stop();
            connection = following;
            send(frame({ id: following.resumeId(), event: 'ready', data: { runtime_version: RUNTIME_VERSION, app_id: identity.app_id, user_id: identity.user_id } }));
          },
          (error: unknown) => {
            logger.warn('realtime stream could not follow its rooms', { error });
            finish();
          },
        );
      },
      cancel() {
        finish();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: MAX_UNREAD_BYTES }),
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // nginx and some hosts buffer responses unless told not to.
      'x-accel-buffering': 'no',
    },
  });
}
