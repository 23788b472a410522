'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from '@/lib/ui/button';
import { useShellState } from './shell-state';

/**
 * The sidebar's container: always visible from the `lg` breakpoint, a drawer below it. When closed on
 * small screens it is `display: none`, so keyboard users never tab into an off-screen menu.
 */
export function SidebarFrame({ children }: { children: ReactNode }) {
  const { isNavOpen, closeNav } = useShellState();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (isNavOpen) ref.current?.querySelector<HTMLElement>('a, button')?.focus();
  }, [isNavOpen]);

  return (
    <>
      {isNavOpen && (
        <div aria-hidden="true" className="fixed inset-0 z-30 bg-black/40 lg:hidden" onClick={closeNav} data-testid="nav-backdrop" />
      )}
      <aside
        ref={ref}
        id="app-sidebar"
        aria-label="Sidebar"
        className={`${isNavOpen ? 'fixed inset-y-0 left-0 z-40 flex shadow-xl' : 'hidden'} w-72 shrink-0 flex-col border-r border-line bg-surface lg:sticky lg:top-0 lg:flex lg:h-dvh lg:w-64 lg:shadow-none`}
      >
        {children}
      </aside>
    </>
  );
}

/** Opens the drawer on small screens; hidden from `lg` up where the sidebar is always shown. */
export function MenuButton() {
  const { isNavOpen, openNav, closeNav, menuButtonRef } = useShellState();
  return (
    <Button
      ref={menuButtonRef}
      variant="ghost"
      size="icon"
      className="lg:hidden"
      aria-controls="app-sidebar"
      aria-expanded={isNavOpen}
      aria-label={isNavOpen ? 'Close navigation' : 'Open navigation'}
      onClick={isNavOpen ? closeNav : openNav}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        {isNavOpen ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
      </svg>
    </Button>
  );
}
