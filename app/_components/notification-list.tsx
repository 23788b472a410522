'use client';

import { Check, CheckCheck, RotateCcw, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { timeAgo, type Inbox, type NotificationView } from '@/lib/notifications/client';

const iconButton = 'inline-flex size-8 items-center justify-center rounded-theme text-fg-muted hover:bg-surface-alt hover:text-fg focus-visible:outline-2 focus-visible:outline-accent';

/** Where a notification leads, when its sender gave it a link inside the app. */
function linkOf(notification: NotificationView): string | null {
  const url = notification.metadata.url;
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : null;
}

/** One notification with its read/unread and delete buttons. */
function NotificationItem({ notification, inbox }: { notification: NotificationView; inbox: Inbox }) {
  const href = linkOf(notification);
  const title = <span className="font-medium text-fg">{notification.title}</span>;
  return (
    <li
      className={`flex gap-3 px-4 py-3 ${notification.read ? '' : 'bg-accent/5'}`}
      data-testid="notification-item"
      data-read={notification.read ? 'true' : 'false'}
    >
      <span aria-hidden="true" className={`mt-2 size-2 shrink-0 rounded-full ${notification.read ? 'bg-transparent' : 'bg-accent'}`} />
      <div className="min-w-0 flex-1">
        <p className="text-sm">
          {href ? (
            <Link href={href} className="hover:underline" onClick={() => !notification.read && void inbox.setRead(notification.id, true)}>
              {title}
            </Link>
          ) : (
            title
          )}
          {!notification.read && <span className="sr-only"> (unread)</span>}
        </p>
        {notification.message && <p className="mt-0.5 text-sm break-words text-fg-muted">{notification.message}</p>}
        <p className="mt-1 text-xs text-fg-muted">
          <time dateTime={notification.created_at} title={new Date(notification.created_at).toLocaleString()}>
            {timeAgo(notification.created_at)}
          </time>
        </p>
      </div>
      <div className="flex shrink-0 items-start gap-1">
        <button
          type="button"
          className={iconButton}
          onClick={() => void inbox.setRead(notification.id, !notification.read)}
          aria-label={notification.read ? `Mark "${notification.title}" unread` : `Mark "${notification.title}" read`}
          title={notification.read ? 'Mark unread' : 'Mark read'}
        >
          {notification.read ? <RotateCcw className="size-4" aria-hidden="true" /> : <Check className="size-4" aria-hidden="true" />}
        </button>
        <button type="button" className={iconButton} onClick={() => void inbox.remove(notification.id)} aria-label={`Delete "${notification.title}"`} title="Delete">
          <Trash2 className="size-4" aria-hidden="true" />
        </button>
      </div>
    </li>
  );
}

/** An inbox's notifications with their loading, error and empty states. */
export function NotificationList({ inbox, emptyText = "You're all caught up." }: { inbox: Inbox; emptyText?: string }) {
  if (inbox.status === 'loading') {
    return (
      <p className="px-4 py-6 text-sm text-fg-muted" role="status">
        Loading notifications…
      </p>
    );
  }
  if (inbox.status === 'error') {
    return (
      <p className="px-4 py-6 text-sm text-danger" role="alert">
        Could not load notifications: {inbox.error}
      </p>
    );
  }
  return (
    <>
      {inbox.error && (
        <p className="px-4 pt-3 text-sm text-danger" role="alert">
          {inbox.error}
        </p>
      )}
      {inbox.items.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-fg-muted" data-testid="notifications-empty">
          {emptyText}
        </p>
      ) : (
        <ul className="divide-y divide-line" aria-label="Notifications">
          {inbox.items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} inbox={inbox} />
          ))}
        </ul>
      )}
    </>
  );
}

/** "Mark all read", offered while something is unread. */
export function MarkAllReadButton({ inbox }: { inbox: Inbox }) {
  if (inbox.unreadCount === 0) return null;
  return (
    <button type="button" onClick={() => void inbox.markAllRead()} className="inline-flex items-center gap-1 rounded-theme px-2 py-1 text-sm text-accent hover:bg-surface-alt">
      <CheckCheck className="size-4" aria-hidden="true" />
      Mark all read
    </button>
  );
}
