import type { Server } from 'socket.io';
import { processSingleton } from '@/lib/runtime/global';
import { keepAliveUntilSettled } from '@/lib/runtime/after-response';
import { logger } from '@/lib/runtime/logger';
import { publishToRoom } from './feed';
import { appRoom, userRoom } from './rooms';

/** The process's Socket.IO server, when the custom server runs one (set by ./index.ts). */
export const socketHolder = processSingleton('realtime', () => ({
  io: undefined as Server | undefined,
  /** Unsubscribes the server from account suspensions (./index.ts), on shutdown. */
  stopListening: undefined as (() => void) | undefined,
}));

function publish(room: string, event: string, message: unknown): Promise<void> {
  const published = publishToRoom(room, event, message).then(
    () => logger.debug('realtime message published', { event, room }),
    // A message that cannot be published is lost to live clients only: they reload on reconnect.
    (error: unknown) => logger.warn('realtime message not published', { event, room, error }),
  );
  // Publishing to Redis may outlast the request that sent the message: a serverless host must wait for it.
  keepAliveUntilSettled(published);
  return published;
}

/**
 * Sends to every connection of one user of one app, on every instance: sockets and SSE streams
 * follow the user's room (./feed). Resolves once published; never rejects.
 */
export function sendToUser({ appId, userId, event, message }: { appId: string; userId: string; event: string; message: unknown }): Promise<void> {
  return publish(userRoom(appId, userId), event, message);
}

/** Sends to every connection of one app. Resolves once published; never rejects. */
export function broadcastToApp({ appId, event, message }: { appId: string; event: string; message: unknown }): Promise<void> {
  return publish(appRoom(appId), event, message);
}
