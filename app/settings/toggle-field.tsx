'use client';

import { Switch } from '@/lib/ui/checkbox';

/**
 * A labelled on/off switch, as every settings form shows one: the label names it, the description
 * is tied to it for screen readers as a field's hint is.
 */
export function ToggleField({
  id,
  label,
  description,
  checked,
  disabled = false,
  onChange,
}: {
  id: string;
  label: string;
  description?: string | undefined;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const descriptionId = `${id}-description`;
  return (
    <div className="flex items-start justify-between gap-4">
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-fg">
          {label}
        </label>
        {description && (
          <p id={descriptionId} className="text-sm text-fg-muted">
            {description}
          </p>
        )}
      </div>
      <Switch id={id} className="mt-0.5" disabled={disabled} checked={checked} onCheckedChange={onChange} aria-describedby={description ? descriptionId : undefined} />
    </div>
  );
}
