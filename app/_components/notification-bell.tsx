'use client';

import { Bell } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { useInbox } from '@/lib/notifications/client';
import { Button } from '@/lib/ui/button';
import { useLazyModule } from '@/lib/ui/lazy';
import { SkeletonList } from '@/lib/ui/skeleton';

// The list's code arrives with the first opening: the bell's count is all a page shows at first (bench/pages.ts).
const loadList = () => import('./notification-list');

/** The bell in the top bar: a live unread badge, and the latest notifications in a panel. */
export function NotificationBell() {
  const inbox = useInbox({ pageSize: 8 });
  const [open, setOpen] = useState(false);
  const list = useLazyModule(loadList, open);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        setOpen(false);
        button.current?.focus();
        return;
      }
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const count = inbox.unreadCount;
  const label = count ? `Notifications, ${count} unread` : 'Notifications';
  return (
    <div className="relative" ref={root} data-testid="notification-bell">
      <Button
        ref={button}
        variant="ghost"
        size="icon"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="relative"
      >
        <Bell className="size-5" aria-hidden="true" />
        {count > 0 && (
          <span
            aria-hidden="true"
            data-testid="notification-badge"
            className="absolute -top-0.5 -right-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-danger px-1 text-[11px] leading-none font-semibold text-white"
          >
            {count > 99 ? '99+' : count}
          </span>
        )}
      </Button>
      <div aria-live="polite" className="sr-only">
        {count ? `${count} unread notifications` : ''}
      </div>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label="Notifications"
          className="absolute right-0 z-30 mt-2 w-[min(24rem,calc(100vw-2rem))] overflow-hidden rounded-theme border border-line bg-surface shadow-lg"
        >
          <div className="flex items-center justify-between border-b border-line px-4 py-2">
            <h2 className="text-sm font-semibold text-fg">Notifications</h2>
            {list && <list.MarkAllReadButton inbox={inbox} />}
          </div>
          <div className="max-h-[60vh] overflow-y-auto">{list ? <list.NotificationList inbox={inbox} /> : <SkeletonList rows={3} label="Loading notifications…" />}</div>
          <div className="flex justify-between border-t border-line px-4 py-2 text-sm">
            <Link href="/notifications" className="text-accent hover:underline" onClick={() => setOpen(false)}>
              View all
            </Link>
            <Link href="/settings#notifications" className="text-fg-muted hover:underline" onClick={() => setOpen(false)}>
              Preferences
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
