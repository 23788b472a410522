'use client';

import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { isActivePath } from '@/lib/navigation/active';

/**
 * Shows that a click was taken while the next page renders on the server. Pages have no loading.tsx above them (a
 * streamed page cannot answer 404: docs/architecture.md, "Status codes of pages"), so the old page stays until then.
 * Always rendered, only its opacity changes: no layout shift.
 */
function PendingHint() {
  const { pending } = useLinkStatus();
  return <span aria-hidden="true" className={`ml-auto size-1.5 shrink-0 rounded-full bg-current transition-opacity ${pending ? 'animate-pulse opacity-100' : 'opacity-0'}`} />;
}

/**
 * A sidebar link that marks itself as the current page for screen readers and styling. It prefetches on
 * intent (pointer over it, focus, touch), not as it scrolls into view: a dozen sidebar prefetches, each a
 * server render, landed just as a page asked for its own data and held that back by half a second on a
 * two-core host (bench/pages.ts, docs/performance.md). `null` is Next's default prefetch, `false` none.
 */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const active = isActivePath(pathname, href);
  const [intent, setIntent] = useState(false);
  const showIntent = () => setIntent(true);
  return (
    <Link
      href={href}
      prefetch={intent ? null : false}
      onMouseEnter={showIntent}
      onFocus={showIntent}
      onTouchStart={showIntent}
      aria-current={active ? 'page' : undefined}
      className={`flex items-center gap-3 rounded-theme px-3 py-2 text-sm font-medium transition-colors ${
        active ? 'bg-accent text-accent-contrast' : 'text-fg-muted hover:bg-surface-alt hover:text-fg'
      }`}
    >
      {children}
      <PendingHint />
    </Link>
  );
}
