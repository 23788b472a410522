import type { ReactNode } from 'react';

/** A labelled on/off switch with an optional description, as every settings form shows one. */
export function ToggleField({ id, label, description, checked, disabled = false, onChange }: { id: string; label: string; description: ReactNode; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="flex items-start justify-between gap-4">
      <label htmlFor={id}>
        <span className="block text-sm font-medium text-fg">{label}</span>
        {description}
      </label>
      <input id={id} type="checkbox" role="switch" className="mt-1 size-5" disabled={disabled} checked={checked} onChange={(event) => onChange(event.target.checked)} />
    </div>
  );
}
