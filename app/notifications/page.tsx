import type { Metadata } from 'next';
import Link from 'next/link';
import { requireIdentity } from '@/lib/auth/page';
import { listNotifications } from '@/lib/notifications/inbox';
import { NotificationsInbox } from './notifications-inbox';

/** Notifications on the first page, and on each page more. */
const PAGE_SIZE = 20;

export const metadata: Metadata = { title: 'Notifications' };

/** The whole inbox: every notification, filterable to the unread ones. */
export default async function NotificationsPage() {
  const identity = await requireIdentity();
  // The first page comes with the HTML: the list is the page's largest paint, and it need not wait for hydration.
  const { notifications, total, unread_count } = await listNotifications({ appId: identity.app_id, userId: identity.user_id, unreadOnly: false, limit: PAGE_SIZE, offset: 0 });
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl text-fg">Notifications</h1>
        <p className="text-sm text-fg-muted">
          Everything the app told you. Choose what you receive, and where, in{' '}
          <Link href="/settings#notifications" className="text-accent underline underline-offset-2">
            Settings
          </Link>
          .
        </p>
      </header>
      <NotificationsInbox initial={{ notifications, total, unread_count }} pageSize={PAGE_SIZE} />
    </div>
  );
}
