/**
 * Live messages as Server-Sent Events (`GET /api/realtime/stream`): real time where the server runs no
 * Socket.IO (plain `next start`, serverless hosts). The stream carries what a socket receives, each
 * message with its resume id as `id:`, so the browser's EventSource resends it as Last-Event-ID when it
 * reconnects and misses nothing; `ready` comes once following (after any replay), `resync` when
 * messages were dropped.
 */
import type { Identity } from '@/lib/auth/identity';
import { subscribe } from '@/lib/events';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';
import { RUNTIME_VERSION } from '@/lib/runtime/version';
import { followConnection, type LiveConnection } from './connection';
import { userRoom } from './rooms';
import { sseResponse, type StreamTiming } from './sse';

export type { StreamTiming } from './sse';

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

/** The SSE response for one authenticated client, resuming after `lastEventId` when it is one of ours. */
export function eventStream(identity: Identity, lastEventId: string | null, timing: StreamTiming): Response {
  closeStreamsOfSuspendedAccounts();
  const room = userRoom(identity.app_id, identity.user_id);
  return sseResponse(timing, (channel) => {
    let stopped = false;
    let connection: LiveConnection | undefined;
    const streams = open.byRoom.get(room) ?? new Set();
    open.byRoom.set(room, streams.add(channel.close));
    followConnection(identity, lastEventId, {
      deliver: (event, resumeId) => channel.send({ id: resumeId, event: event.event, data: event.message }),
      resync: () => channel.send({ event: 'resync', data: {} }),
    }).then(
      (following) => {
        if (stopped) return following.stop();
        connection = following;
        channel.send({ id: following.resumeId(), event: 'ready', data: { runtime_version: RUNTIME_VERSION, app_id: identity.app_id, user_id: identity.user_id } });
      },
      (error: unknown) => {
        logger.warn('realtime stream could not follow its rooms', { error });
        channel.close();
      },
    );
    return () => {
      stopped = true;
      connection?.stop();
      streams.delete(channel.close);
      if (streams.size === 0) open.byRoom.delete(room);
    };
  });
}
