'use client';

import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';

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
    const socket = io({ path: '/socket.io', reconnectionDelayMax: 10_000 });
    socket.on('connect', () => setStatus('live'));
    socket.on('disconnect', () => setStatus('offline'));
    socket.io.on('reconnect_attempt', () => setStatus('connecting'));
    socket.on('connect_error', () => setStatus('offline'));
    return () => {
      socket.close();
    };
  }, []);

  return (
    <span className="inline-flex items-center gap-2 text-xs text-fg-muted" role="status" data-testid="connection-status" data-status={status}>
      <span aria-hidden="true" className={`size-2 rounded-full ${DOT[status]}`} />
      <span className="max-sm:sr-only">{LABELS[status]}</span>
    </span>
  );
}
