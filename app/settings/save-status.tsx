'use client';

import { useEffect, useState } from 'react';
import { InlineError } from '@/app/_components/form-field';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** Announces a form's saving progress to everyone, screen readers included; "Saved" fades after a few seconds. */
export function SaveStatus({ state }: { state: SaveState }) {
  // The "saved" state whose message has faded; a newer save shows its own.
  const [faded, setFaded] = useState<SaveState | null>(null);
  useEffect(() => {
    if (state.kind !== 'saved') return;
    const timer = setTimeout(() => setFaded(state), 4_000);
    return () => clearTimeout(timer);
  }, [state]);
  const visible = faded !== state;
  if (state.kind === 'error') return <InlineError message={state.message} />;
  return (
    <p role="status" className="text-sm text-fg-muted" data-testid="save-status">
      {state.kind === 'saving' ? 'Saving…' : state.kind === 'saved' && visible ? 'Saved.' : ''}
    </p>
  );
}

/** A form's submit button with its saving status beside it. */
export function SaveBar({ state, label }: { state: SaveState; label: string }) {
  return (
    <div className="flex items-center gap-4">
      <button
        type="submit"
        disabled={state.kind === 'saving'}
        className="rounded-theme bg-accent px-4 py-2 text-sm font-medium text-accent-contrast hover:opacity-90 disabled:opacity-60"
      >
        {state.kind === 'saving' ? 'Saving…' : label}
      </button>
      <SaveStatus state={state} />
    </div>
  );
}
