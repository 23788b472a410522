/**
 * The browser's one Socket.IO connection, shared by the shell and plugin pages. Only opened when the
 * server runs sockets (the layout marks <html data-realtime="on">); elsewhere pages work without it.
 */
import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';

let socket: Socket | undefined;

export function sharedSocket(): Socket | undefined {
  if (typeof document === 'undefined' || document.documentElement.dataset.realtime !== 'on') return undefined;
  // WebSocket only: HTTP long-polling sends each request of one session separately, so behind a round-robin proxy
  // (several instances, no sticky sessions; docker-compose.yml) they would reach instances that do not know it.
  socket ??= io({ path: '/socket.io', transports: ['websocket'], reconnectionDelayMax: 10_000 });
  return socket;
}

/** Calls `handler` for every `event` pushed to this user, while the component is mounted. */
export function useRealtimeEvent<T>(event: string, handler: (message: T) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const connection = sharedSocket();
    if (!connection) return;
    const listener = (message: T) => latest.current(message);
    connection.on(event, listener);
    return () => {
      connection.off(event, listener);
    };
  }, [event]);
}
