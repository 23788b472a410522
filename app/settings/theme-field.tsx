'use client';

import { callApi } from '@/lib/api/client';
import { useState } from 'react';
import { applyTheme, type ThemeOption } from '../_components/theme-switcher';
import { SaveStatus, type SaveState } from './save-status';

/** The theme selector field: applies at once and is saved to the account. */
export function ThemeField({ label, themes, current }: { label: string; themes: ThemeOption[]; current: string }) {
  const [value, setValue] = useState(current);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const choose = async (themeId: string) => {
    setValue(themeId);
    applyTheme(themeId);
    setState({ kind: 'saving' });
    try {
      await callApi('POST /api/change-theme', { body: { theme_name: themeId } });
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-fg">{label}</legend>
      <div className="flex flex-wrap gap-2">
        {themes.map((theme) => (
          <label key={theme.id} className={`flex cursor-pointer items-center gap-2 rounded-theme border px-3 py-2 text-sm ${value === theme.id ? 'border-accent text-fg' : 'border-line text-fg-muted'}`}>
            <input type="radio" name="theme" value={theme.id} checked={value === theme.id} onChange={() => void choose(theme.id)} className="accent-accent" />
            {theme.name}
          </label>
        ))}
      </div>
      <SaveStatus state={state} />
    </fieldset>
  );
}
