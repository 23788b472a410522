'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { isActivePath } from '@/lib/navigation/active';

/** A sidebar link that marks itself as the current page for screen readers and styling. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const active = isActivePath(pathname, href);
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`flex items-center gap-3 rounded-theme px-3 py-2 text-sm font-medium transition-colors ${
        active ? 'bg-accent text-accent-contrast' : 'text-fg-muted hover:bg-surface-alt hover:text-fg'
      }`}
    >
      {children}
    </Link>
  );
}
