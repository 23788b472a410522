'use client';

import { BellOff, Check, CheckCheck, RotateCcw, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { errorMessage } from '@/lib/http/browser';
import { timeAgo, type Inbox, type NotificationView } from '@/lib/notifications/client';
import { Button } from '@/lib/ui/button';
import { EmptyState } from '@/lib/ui/empty-state';
import { SkeletonList } from '@/lib/ui/skeleton';
import { toast } from '@/lib/ui/toast';

/** Runs an inbox action; a refusal is said in a toast (the inbox has reloaded to show what is true). */
function attempt(action: Promise<void>, failure: string) {
  action.catch((caught: unknown) => toast.error(failure, errorMessage(caught)));
}

/** Where a notification leads, when its sender gave it a link inside the app. */
function linkOf(notification: NotificationView): string | null {
  const url = notification.metadata.url;
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : null;
}

/** One notification with its read/unread and delete buttons. */
function NotificationItem({ notification, inbox }: { notification: NotificationView; inbox: Inbox }) {
  const href = linkOf(notification);
  const title = <span className="font-medium text-fg">{notification.title}</span>;
  const setRead = (read: boolean) => attempt(inbox.setRead(notification.id, read), `Could not mark “${notification.title}” ${read ? 'read' : 'unread'}`);
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
            <Link href={href} className="hover:underline" onClick={() => !notification.read && setRead(true)}>
              {title}
            </Link>
          ) : (
            title
          )}
          {!notification.read && <span className="sr-only"> (unread)</span>}
        </p>
        {notification.message && <p className="mt-0.5 text-sm break-words text-fg-muted">{notification.message}</p>}
        <p className="mt-1 text-xs text-fg-muted">
          {/* The inbox page renders this on the server too: its clock and locale differ from the browser's, and the refresh after hydration redraws it. */}
          <time dateTime={notification.created_at} title={new Date(notification.created_at).toLocaleString()} suppressHydrationWarning>
            {timeAgo(notification.created_at)}
          </time>
        </p>
      </div>
      <div className="flex shrink-0 items-start gap-1">
        <Button
          variant="ghost"
          size="icon"
          onClick={() => setRead(!notification.read)}
          aria-label={notification.read ? `Mark "${notification.title}" unread` : `Mark "${notification.title}" read`}
          title={notification.read ? 'Mark unread' : 'Mark read'}
        >
          {notification.read ? <RotateCcw className="size-4" aria-hidden="true" /> : <Check className="size-4" aria-hidden="true" />}
        </Button>
        {/* One notification, easily missed and never precious: deleted without asking. */}
        <Button
          variant="ghost"
          size="icon"
          onClick={() => attempt(inbox.remove(notification.id), `Could not delete “${notification.title}”`)}
          aria-label={`Delete "${notification.title}"`}
          title="Delete"
        >
          <Trash2 className="size-4" aria-hidden="true" />
        </Button>
      </div>
    </li>
  );
}

/** An inbox's notifications with their loading, error and empty states. */
export function NotificationList({ inbox, empty = { title: "You're all caught up." } }: { inbox: Inbox; empty?: { title: string; description?: string } }) {
  if (inbox.status === 'loading') {
    return (
      <div className="px-4 py-3">
        <SkeletonList rows={3} label="Loading notifications…" />
      </div>
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
        <div className="p-3">
          <EmptyState icon={BellOff} title={empty.title} description={empty.description} data-testid="notifications-empty" />
        </div>
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
    <Button variant="ghost" size="sm" onClick={() => attempt(inbox.markAllRead(), 'Could not mark all read')}>
      <CheckCheck className="size-4" aria-hidden="true" />
      Mark all read
    </Button>
  );
}
