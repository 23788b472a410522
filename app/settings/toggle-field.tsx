'use client';

import type { ReactNode } from 'react';
import { Switch } from '@/lib/ui';

/** A labelled on/off switch with an optional description, as every settings form shows one. */
export function ToggleField({ id, label, description, checked, disabled = false, onChange }: { id: string; label: string; description: ReactNode; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="flex items-start justify-between gap-4">
      <label htmlFor={id}>
        <span className="block text-sm font-medium text-fg">{label}</span>
        {description}
      </label>
      <Switch id={id} className="mt-0.5" disabled={disabled} checked={checked} onCheckedChange={onChange} />
    </div>
  );
}
