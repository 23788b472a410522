'use client';

import { usePathname } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

interface ShellState {
  isNavOpen: boolean;
  openNav: () => void;
  closeNav: () => void;
  menuButtonRef: React.RefObject<HTMLButtonElement | null>;
}

const ShellContext = createContext<ShellState | null>(null);

/** Holds the mobile navigation drawer's state; closes it on navigation and on Escape. */
export function ShellStateProvider({ children }: { children: ReactNode }) {
  const [isNavOpen, setNavOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement | null>(null);
  const pathname = usePathname();
  const [lastPathname, setLastPathname] = useState(pathname);
  if (pathname !== lastPathname) {
    setLastPathname(pathname);
    setNavOpen(false);
  }

  const openNav = useCallback(() => setNavOpen(true), []);
  const closeNav = useCallback(() => {
    setNavOpen(false);
    menuButtonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!isNavOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeNav();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isNavOpen, closeNav]);

  const value = useMemo(() => ({ isNavOpen, openNav, closeNav, menuButtonRef }), [isNavOpen, openNav, closeNav]);
  return <ShellContext.Provider value={value}>{children}</ShellContext.Provider>;
}

export function useShellState(): ShellState {
  const state = useContext(ShellContext);
  if (!state) throw new Error('useShellState must be used inside <ShellStateProvider>');
  return state;
}
