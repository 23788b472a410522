'use client';

import { CircleAlert } from 'lucide-react';
import { Label } from 'radix-ui';
import { createContext, useContext, useId, type ReactNode } from 'react';
import { cn } from './cn';

interface FieldIds {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

const FieldContext = createContext<FieldIds | null>(null);

/**
 * The ids a control inside a <Field> takes, so its label, hint and error are tied to it for screen
 * readers: every kit control reads them, a plain <input> can spread `useField()` itself.
 */
export function useField(): { id?: string; 'aria-describedby'?: string; 'aria-invalid'?: true } {
  const field = useContext(FieldContext);
  if (!field) return {};
  return { id: field.id, 'aria-describedby': field.describedBy, 'aria-invalid': field.invalid || undefined };
}

/** A labelled control with an optional hint, and its error (the field's own message) beside it. */
export function Field({
  label,
  hint,
  error,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <FieldContext.Provider value={{ id, describedBy, invalid: Boolean(error) }}>
      <div className={cn('space-y-1', className)}>
        <Label.Root htmlFor={id} className="block text-sm font-medium text-fg">
          {label}
        </Label.Root>
        {children}
        {hint && !error && (
          <p id={hintId} className="text-xs text-fg-muted">
            {hint}
          </p>
        )}
        {/* The icon carries the danger colour; the words stay in the text colour, legible in every theme. */}
        {error && (
          <p id={errorId} className="flex items-start gap-1.5 text-sm text-fg" data-testid="field-error">
            <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
            {error}
          </p>
        )}
      </div>
    </FieldContext.Provider>
  );
}
