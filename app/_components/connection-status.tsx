'use client';

import { useSyncExternalStore } from 'react';
import { liveChannel, type LiveMode, type LiveStatus } from '@/lib/realtime/client';
import { POLL_INTERVAL_MS } from '@/lib/notifications/client';

type Status = LiveStatus | 'polling';

const LABELS: Record<Status, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline',
  polling: `Updates every ${POLL_INTERVAL_MS / 1000} s`,
};

const DOT: Record<Status, string> = {
  connecting: 'bg-warning',
  live: 'bg-success',
  offline: 'bg-fg-muted',
  polling: 'bg-fg-muted',
};

const TRANSPORT: Record<LiveMode | 'poll', string> = {
  socket: 'over a WebSocket',
  sse: 'over server-sent events',
  poll: 'by asking the server now and then',
};

const noChannel = () => () => {};

/**
 * Says whether live updates are flowing, and how: a socket, an SSE stream (also where the socket fell back to it),
 * or polling where neither works.
 */
export function ConnectionStatus() {
  // The server renders "connecting"; the browser's channel takes over once hydrated.
  const status = useSyncExternalStore<Status>(
    (onChange) => liveChannel()?.onStatus(onChange) ?? noChannel(),
    () => liveChannel()?.status() ?? 'polling',
    () => 'connecting',
  );
  // Changes once at most: where WebSockets do not get through, the socket falls back to SSE.
  const mode = useSyncExternalStore<LiveMode | 'poll'>(
    (onChange) => liveChannel()?.onMode(onChange) ?? noChannel(),
    () => liveChannel()?.mode ?? 'poll',
    () => 'poll',
  );

  return (
    <span
      className="inline-flex items-center gap-2 text-xs text-fg-muted"
      role="status"
      title={`Updates arrive ${TRANSPORT[mode]}`}
      data-testid="connection-status"
      data-status={status}
      data-transport={mode}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${DOT[status]}`} />
      <span className="max-sm:sr-only">{LABELS[status]}</span>
    </span>
  );
}
