import type { Server } from 'socket.io';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';

/** The process's Socket.IO server, when the custom server runs one (set by ./index.ts). */
export const socketHolder = processSingleton('realtime', () => ({
  io: undefined as Server | undefined,
  /** Unsubscribes the server from account suspensions (./index.ts), on shutdown. */
  stopListening: undefined as (() => void) | undefined,
}));

/**
 * Emits to every socket of one user of one app. Where the process has no Socket.IO (plain
 * `next start`, serverless) it does nothing: clients there poll.
 */
export function sendToUser({ appId, userId, event, message }: { appId: string; userId: string; event: string; message: unknown }): void {
  const io = socketHolder.io;
  if (!io) {
    logger.debug('realtime unavailable; message not pushed', { event });
    return;
  }
  // Sockets join user:<id> at the handshake; user ids are generated per app, so the room is the app's user.
  io.to(`user:${userId}`).emit(event, message);
  logger.debug('realtime message pushed', { event, app_id: appId });
}

/** Emits to every connected socket of one app (the `app:<id>` room every socket joins). */
export function broadcastToApp({ appId, event, message }: { appId: string; event: string; message: unknown }): void {
  const io = socketHolder.io;
  if (!io) {
    logger.debug('realtime unavailable; broadcast not pushed', { event });
    return;
  }
  io.to(`app:${appId}`).emit(event, message);
}
