'use client';

import { useState } from 'react';
import { useInbox } from '@/lib/notifications/client';
import { MarkAllReadButton, NotificationList } from '../_components/notification-list';

export function NotificationsInbox() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox({ pageSize: 20, unreadOnly });
  const [loadingMore, setLoadingMore] = useState(false);
  const tab = (active: boolean) =>
    `rounded-theme px-3 py-1.5 text-sm ${active ? 'bg-accent text-accent-contrast' : 'text-fg hover:bg-surface-alt'}`;

  return (
    <section className="overflow-hidden rounded-theme border border-line bg-surface" aria-label="Inbox">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-4 py-2">
        <div role="group" aria-label="Show" className="flex gap-1">
          <button type="button" className={tab(!unreadOnly)} aria-pressed={!unreadOnly} onClick={() => setUnreadOnly(false)}>
            All
          </button>
          <button type="button" className={tab(unreadOnly)} aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)}>
            Unread{inbox.unreadCount ? ` (${inbox.unreadCount})` : ''}
          </button>
        </div>
        <MarkAllReadButton inbox={inbox} />
      </div>
      <NotificationList inbox={inbox} emptyText={unreadOnly ? 'No unread notifications.' : 'No notifications yet. When something needs your attention, it shows up here.'} />
      {inbox.hasMore && (
        <div className="border-t border-line p-3 text-center">
          <button
            type="button"
            disabled={loadingMore}
            onClick={async () => {
              setLoadingMore(true);
              await inbox.loadMore();
              setLoadingMore(false);
            }}
            className="rounded-theme border border-line px-3 py-1.5 text-sm text-fg hover:bg-surface-alt disabled:opacity-60"
          >
            {loadingMore ? 'Loading…' : 'Show older'}
          </button>
        </div>
      )}
    </section>
  );
}
