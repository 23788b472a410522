import { Button } from '@/lib/ui/button';
import { Field } from '@/lib/ui/field';
import { Input } from '@/lib/ui/input';

/** A required text input in the kit's Field: its label, hint and error tied to it for screen readers. */
export function FormField({
  name,
  label,
  type = 'text',
  autoComplete,
  defaultValue,
  error,
  hint,
}: {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  defaultValue?: string;
  error?: string;
  hint?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      <Input name={name} type={type} autoComplete={autoComplete} defaultValue={defaultValue} required />
    </Field>
  );
}

/** The form-level error of an action, announced to screen readers. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="form-error">
      {message}
    </p>
  );
}

/** An action's error next to the control it came from, announced to screen readers; nothing without one. */
export function InlineError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-sm text-danger">
      {message}
    </p>
  );
}

/** The primary button of a form, full width, saying what it is doing while the action runs. */
export function SubmitButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <Button type="submit" pending={pending} pendingLabel={pendingLabel} className="w-full">
      {label}
    </Button>
  );
}
