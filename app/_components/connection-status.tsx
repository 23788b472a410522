'use client';

import { useEffect, useState } from 'react';
import { sharedSocket } from '@/lib/realtime/client';

type Status = 'connecting' | 'live' | 'offline';

const LABELS: Record<Status, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline',
};

const DOT: Record<Status, string> = {
  connecting: 'bg-warning',
  live: 'bg-success',
  offline: 'bg-fg-muted',
};

/**
 * Shows whether live updates are flowing. Rendered only when the server runs Socket.IO (the custom
 * server); under plain `next start` the shell works without it and this stays hidden.
 */
export function ConnectionStatus() {
  const [status, setStatus] = useState<Status>('connecting');

  useEffect(() => {
    const socket = sharedSocket();
    if (!socket) return;
    const live = () => setStatus('live');
    const offline = () => setStatus('offline');
    const connecting = () => setStatus('connecting');
    if (socket.connected) live();
    socket.on('connect', live);
    socket.on('disconnect', offline);
    socket.on('connect_error', offline);
    socket.io.on('reconnect_attempt', connecting);
    return () => {
      socket.off('connect', live);
      socket.off('disconnect', offline);
      socket.off('connect_error', offline);
      socket.io.off('reconnect_attempt', connecting);
    };
  }, []);

  return (
    <span className="inline-flex items-center gap-2 text-xs text-fg-muted" role="status" data-testid="connection-status" data-status={status}>
      <span aria-hidden="true" className={`size-2 rounded-full ${DOT[status]}`} />
      <span className="max-sm:sr-only">{LABELS[status]}</span>
    </span>
  );
}
