import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server as SocketServer, type Socket } from 'socket.io';
import { handleChatMessages } from '@/lib/ai/transport/socket';
import type { Identity } from '@/lib/auth/identity';
import { resolveIdentity } from '@/lib/auth/resolve';
import { subscribe } from '@/lib/events';
import { isApiError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { isTrustedOrigin } from '@/lib/http/origin';
import { setRealtimeAvailable } from '@/lib/runtime/lifecycle';
import { logger } from '@/lib/runtime/logger';
import { RUNTIME_VERSION } from '@/lib/runtime/version';
import { followConnection } from './connection';
import { redisLink } from './redis';
import { appRoom, redisPrefix, userRoom } from './rooms';
import { socketHolder } from './send';

export { broadcastToApp, sendToUser } from './send';

export const SOCKET_PATH = '/socket.io';

/** Sent to each client on connect, so it knows which runtime it reached and as whom. */
export interface HelloMessage {
  runtime_version: string;
  app_id: string;
  user_id: string;
}

/** Sent when messages after the client's `last_event_id` were dropped: it should reload what it shows. */
export const RESYNC_EVENT = 'realtime:resync';

/** Socket.IO's connect_error carries this in `data`. */
export interface HandshakeError {
  error_code: string;
  detail: string;
}

/**
 * The handshake as a Request for the one identity resolver: its cookies and headers, plus a token a
 * client passed the Socket.IO way (`io({ auth: { token } })`).
 */
function handshakeRequest(socket: Socket): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(socket.request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string' && token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  const protocol = headers.get('x-forwarded-proto') ?? 'http';
  return new Request(`${protocol}://${headers.get('host') ?? 'localhost'}${socket.request.url ?? '/'}`, { headers });
}

/** The handshake's `auth.last_event_id`: the resume id of the last message this client received. */
function lastEventId(socket: Socket): string | undefined {
  const value = (socket.handshake.auth as { last_event_id?: unknown } | undefined)?.last_event_id;
  return typeof value === 'string' ? value : undefined;
}

function handshakeError(detail: string, errorCode: string): Error & { data: HandshakeError } {
  return Object.assign(new Error(detail), { data: { error_code: errorCode, detail } });
}

/**
 * A socket is authenticated once, at its handshake: without this, a suspended account kept its open
 * sockets (and whatever they receive) until it disconnected by itself. The admin action publishes
 * `user_account_changed`, which reaches every instance through Redis, and each closes the account's
 * sockets it holds; its next handshake is refused by the identity resolver (ACCOUNT_DISABLED).
 * An event rather than the adapter's cross-instance `disconnectSockets`: the instance that suspends
 * may serve no sockets at all (plain `next start`), and the others must still act.
 */
function disconnectSuspendedAccounts(io: SocketServer): () => void {
  return subscribe(
    'user_account_changed',
    ({ user_id, change }) => {
      if (change === 'suspended') io.local.in(userRoom(getEnv().appId, user_id)).disconnectSockets(true);
    },
    { id: 'realtime-suspended-sockets', everyInstance: true },
  );
}

/**
 * Attaches Socket.IO to the custom server's HTTP server. Upgrades for other paths (Next's dev HMR)
 * are left alone for Next to answer. Every socket is authenticated at the handshake (session cookie,
 * Bearer header, `auth.token` or `?access_token=`) and joins only its user's and its app's rooms.
 * Call after startRuntime(), which connects Redis when REDIS_URL is set.
 */
export function attachRealtime(server: HttpServer): SocketServer {
  const io = new SocketServer(server, {
    path: SOCKET_PATH,
    serveClient: false,
    // Without this, engine.io destroys upgrade requests for other paths, breaking Next's HMR socket.
    destroyUpgrade: false,
  });
  // With REDIS_URL, emits to a room reach its sockets on every instance.
  const redis = redisLink();
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub, { key: redisPrefix(getEnv().appId) }));
  io.use((socket, next) => {
    const request = handshakeRequest(socket);
    // A handshake on the session cookie alone is one another site's page could open: it must come from ours.
    const byToken = request.headers.has('authorization') || new URL(request.url).searchParams.has('access_token');
    if (!byToken && !isTrustedOrigin(request.headers)) {
      return next(handshakeError('This connection came from another site’s page and was refused', 'CSRF_REJECTED'));
    }
    resolveIdentity(request, { allowQueryToken: true }).then(
      (identity) => {
        if (!identity) return next(handshakeError('Not authenticated', 'AUTH_REQUIRED'));
        socket.data.identity = identity;
        next();
      },
      (error: unknown) =>
        next(isApiError(error) ? handshakeError(error.detail, error.errorCode) : handshakeError('Authentication failed', 'INTERNAL_ERROR')),
    );
  });
  io.on('connection', (socket) => {
    const identity = socket.data.identity as Identity;
    // The rooms are for disconnecting an account's sockets; messages come through the feed below.
    void socket.join([userRoom(identity.app_id, identity.user_id), appRoom(identity.app_id)]);
    const hello: HelloMessage = { runtime_version: RUNTIME_VERSION, app_id: identity.app_id, user_id: identity.user_id };
    socket.emit('runtime:hello', hello);
    handleChatMessages(socket, identity);
    // Each message carries its resume id as a second argument; the client hands back the last one
    // when it reconnects (auth.last_event_id), and receives what it missed, once.
    const following = followConnection(identity, lastEventId(socket), {
      deliver: (event, resumeId) => socket.emit(event.event, event.message, resumeId),
      resync: () => socket.emit(RESYNC_EVENT, {}),
    });
    following.catch((error: unknown) => {
      logger.warn('socket could not follow its rooms; disconnecting it', { error });
      socket.disconnect(true);
    });
    socket.once('disconnect', () => void following.then((connection) => connection.stop(), () => {}));
  });
  socketHolder.io = io;
  socketHolder.stopListening = disconnectSuspendedAccounts(io);
  setRealtimeAvailable(true);
  return io;
}

/**
 * Closes this instance's connections and stops accepting sockets; part of graceful shutdown. Only the
 * connections are closed, so that clients reconnect (to another instance, or to this one once it is back)
 * and resume from their last message. Not io.disconnectSockets(): a server-side disconnect tells the client
 * not to reconnect, and with the Redis adapter it is sent to every instance — each step of a rolling
 * restart left every user of the app without live updates. Not io.close() either: that would also close
 * the HTTP server, which graceful shutdown drains itself.
 */
export function closeRealtime(): void {
  const io = socketHolder.io;
  if (!io) return;
  socketHolder.io = undefined;
  socketHolder.stopListening?.();
  socketHolder.stopListening = undefined;
  setRealtimeAvailable(false);
  io.engine.close();
}
