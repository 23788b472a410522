'use client';

import { useState } from 'react';
import { useInbox, type InboxPage } from '@/lib/notifications/client';
import { Button } from '@/lib/ui/button';
import { MarkAllReadButton, NotificationList } from '../_components/notification-list';

const EMPTY = {
  all: { title: 'No notifications yet.', description: 'When something needs your attention, it shows up here.' },
  unread: { title: 'No unread notifications.' },
};

/** The inbox, from the first page the server rendered (`pageSize` notifications); then live. */
export function NotificationsInbox({ initial, pageSize }: { initial: InboxPage; pageSize: number }) {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox({ pageSize, unreadOnly, initial });
  const [loadingMore, setLoadingMore] = useState(false);

  return (
    <section className="overflow-hidden rounded-theme border border-line bg-surface" aria-label="Inbox">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-4 py-2">
        {/* Toggle buttons rather than tabs: both show the same list, filtered. */}
        <div role="group" aria-label="Show" className="flex gap-1">
          <Button size="sm" variant={unreadOnly ? 'ghost' : 'primary'} aria-pressed={!unreadOnly} onClick={() => setUnreadOnly(false)}>
            All
          </Button>
          <Button size="sm" variant={unreadOnly ? 'primary' : 'ghost'} aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)}>
            Unread{inbox.unreadCount ? ` (${inbox.unreadCount})` : ''}
          </Button>
        </div>
        <MarkAllReadButton inbox={inbox} />
      </div>
      <NotificationList inbox={inbox} empty={unreadOnly ? EMPTY.unread : EMPTY.all} />
      {inbox.hasMore && (
        <div className="border-t border-line p-3 text-center">
          <Button
            variant="secondary"
            size="sm"
            pending={loadingMore}
            pendingLabel="Loading…"
            onClick={async () => {
              setLoadingMore(true);
              await inbox.loadMore();
              setLoadingMore(false);
            }}
          >
            Show older
          </Button>
        </div>
      )}
    </section>
  );
}
