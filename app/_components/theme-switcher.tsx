'use client';

import { useId, useState } from 'react';
import { callApi } from '@/lib/api/client';

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

/**
 * Switches the theme instantly by changing `data-theme` on <html> (every colour is a CSS variable),
 * and remembers the choice in a cookie so the server renders it on the next visit without a flash.
 * For a signed-in user (`persist`) the choice is also saved to their account, for every device.
 */
export function ThemeSwitcher({ themes, current, cookieName, persist = false }: { themes: ThemeOption[]; current: string; cookieName: string; persist?: boolean }) {
  const [value, setValue] = useState(current);
  const id = useId();
  if (themes.length < 2) return null;

  const choose = (themeId: string) => {
    setValue(themeId);
    applyTheme(themeId);
    document.cookie = `${cookieName}=${encodeURIComponent(themeId)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
    if (persist) {
      // Best effort: the theme already changed here; a failed save only means other devices keep theirs.
      void callApi('POST /api/change-theme', { body: { theme_name: themeId } }).catch(() => undefined);
    }
  };

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Theme
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => choose(event.target.value)}
        className="h-9 rounded-theme border border-line bg-surface px-2 text-sm text-fg"
        data-testid="theme-switcher"
      >
        {themes.map((theme) => (
          <option key={theme.id} value={theme.id}>
            {theme.name}
          </option>
        ))}
      </select>
    </div>
  );
}
