import type { Metadata } from 'next';
import Link from 'next/link';
import { requireIdentity } from '@/lib/auth/page';
import { NotificationsInbox } from './notifications-inbox';

export const metadata: Metadata = { title: 'Notifications' };

/** The whole inbox: every notification, filterable to the unread ones. */
export default async function NotificationsPage() {
  await requireIdentity();
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
      <NotificationsInbox />
    </div>
  );
}
