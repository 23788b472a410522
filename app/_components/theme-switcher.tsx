'use client';

import { useSyncExternalStore } from 'react';
import { callApi } from '@/lib/api/client';
// Its own file, not the kit's index: this is in every page's first load (bench/pages.ts).
import { LazySelect } from '@/lib/ui/lazy-select';

export interface ThemeOption {
  id: string;
  name: string;
  mode: 'light' | 'dark';
}

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** Shows a theme at once: every colour is a CSS variable keyed by `data-theme` on <html>. */
export function applyTheme(themeId: string): void {
  document.documentElement.dataset.theme = themeId;
}

function subscribeToTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/**
 * The theme on screen, read from `data-theme` on <html>: every control that shows the theme (the
 * header's selector, the settings field) follows a change made by any other, without a navigation.
 */
export function useCurrentTheme(serverTheme: string): string {
  return useSyncExternalStore(
    subscribeToTheme,
    () => document.documentElement.dataset.theme ?? serverTheme,
    () => serverTheme,
  );
}

/**
 * Switches the theme instantly by changing `data-theme` on <html> (every colour is a CSS variable),
 * and remembers the choice in a cookie so the server renders it on the next visit without a flash.
 * For a signed-in user (`persist`) the choice is also saved to their account, for every device.
 */
export function ThemeSwitcher({ themes, current, cookieName, persist = false }: { themes: ThemeOption[]; current: string; cookieName: string; persist?: boolean }) {
  const value = useCurrentTheme(current);
  if (themes.length < 2) return null;

  const choose = (themeId: string) => {
    applyTheme(themeId);
    document.cookie = `${cookieName}=${encodeURIComponent(themeId)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
    if (persist) {
      // Best effort: the theme already changed here; a failed save only means other devices keep theirs.
      void callApi('POST /api/change-theme', { body: { theme_name: themeId } }).catch(() => undefined);
    }
  };

  return (
    <LazySelect
      aria-label="Theme"
      data-testid="theme-switcher"
      value={value}
      onValueChange={choose}
      options={themes.map((theme) => ({ value: theme.id, label: theme.name }))}
      className="h-9 w-auto min-w-28"
    />
  );
}
