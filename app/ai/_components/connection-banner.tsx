'use client';

import { useEffect, useState } from 'react';
import type { ConnectionState } from '@/lib/ai/client/use-chat';

/** A page's first connection takes a moment; only a connection missing longer than this is worth a banner. */
const GRACE_MS = 1_000;

const TEXT: Record<Exclude<ConnectionState, 'connected'>, string> = {
  reconnecting: 'Reconnecting…',
  offline: 'Offline — messages will resume when the connection is back.',
};

/** Says clearly when the chat's live connection is lost, in a polite live region. */
export function ConnectionBanner({ connection }: { connection: ConnectionState }) {
  const [shown, setShown] = useState<ConnectionState>('connected');

  useEffect(() => {
    if (connection === 'connected') {
      const timer = setTimeout(() => setShown('connected'), 0);
      return () => clearTimeout(timer);
    }
    // Once shown, a banner follows the state at once; a first appearance waits out the grace period.
    const timer = setTimeout(() => setShown(connection), shown === 'connected' ? GRACE_MS : 0);
    return () => clearTimeout(timer);
  }, [connection, shown]);

  return (
    <div role="status" aria-live="polite" data-testid="connection-banner" data-state={shown}>
      {shown !== 'connected' && (
        <p className={`px-3 py-2 text-sm font-medium ${shown === 'offline' ? 'bg-danger/10 text-danger' : 'bg-warning/15 text-warning'}`}>{TEXT[shown]}</p>
      )}
    </div>
  );
}
