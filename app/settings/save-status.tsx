'use client';

import { useEffect, useState } from 'react';
import { InlineError } from '@/app/_components/form-field';
import { Button } from '@/lib/ui/button';

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
      <Button type="submit" pending={state.kind === 'saving'} pendingLabel="Saving…">
        {label}
      </Button>
      <SaveStatus state={state} />
    </div>
  );
}
