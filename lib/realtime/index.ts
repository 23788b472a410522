import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer } from 'socket.io';
import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/runtime/global';
import { setRealtimeAvailable } from '@/lib/runtime/lifecycle';
import { RUNTIME_VERSION } from '@/lib/runtime/version';

export const SOCKET_PATH = '/socket.io';

/** Sent to each client on connect, so it knows which runtime it reached. */
export interface HelloMessage {
  runtime_version: string;
  app_id: string;
}

const holder = processSingleton('realtime', () => ({ io: undefined as SocketServer | undefined }));

/**
 * Attaches Socket.IO to the custom server's HTTP server. Upgrades for other paths (Next's dev HMR)
 * are left alone for Next to answer. Authentication and rooms arrive with the real-time issue;
 * until then a socket only receives the `runtime:hello` greeting.
 */
export function attachRealtime(server: HttpServer): SocketServer {
  const io = new SocketServer(server, {
    path: SOCKET_PATH,
    serveClient: false,
    // Without this, engine.io destroys upgrade requests for other paths, breaking Next's HMR socket.
    destroyUpgrade: false,
  });
  const hello: HelloMessage = { runtime_version: RUNTIME_VERSION, app_id: getEnv().appId };
  io.on('connection', (socket) => {
    socket.emit('runtime:hello', hello);
  });
  holder.io = io;
  setRealtimeAvailable(true);
  return io;
}

/** Disconnects every client and stops accepting sockets; part of graceful shutdown. */
export function closeRealtime(): void {
  const io = holder.io;
  if (!io) return;
  holder.io = undefined;
  setRealtimeAvailable(false);
  io.disconnectSockets(true);
  // Not io.close(): that would also close the HTTP server, which graceful shutdown drains itself.
  io.engine.close();
}
