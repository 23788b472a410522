'use client';

import { callApi } from '@/lib/api/client';
import { useState, type FormEvent } from 'react';
import { ApiRequestError, errorMessage } from '@/lib/http/browser';
import { Field } from '@/lib/ui/field';
import { Input } from '@/lib/ui/input';
import { SaveBar, type SaveState } from './save-status';

const MIN_LENGTH = 8;

const fields = [
  { name: 'current_password', label: 'Current password', autoComplete: 'current-password', minLength: 1 },
  { name: 'new_password', label: 'New password', autoComplete: 'new-password', minLength: MIN_LENGTH, hint: `At least ${MIN_LENGTH} characters.` },
  { name: 'confirm_password', label: 'Repeat the new password', autoComplete: 'new-password', minLength: MIN_LENGTH },
] as const;

/** Changing a local account's password: the current one, the new one twice. */
export function PasswordForm() {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  // The message for each field that was rejected (by the server, or the repeat that differs), beside it.
  const [fieldErrors, setFieldErrors] = useState<Readonly<Record<string, string>>>({});
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const next = String(data.get('new_password') ?? '');
    if (next !== String(data.get('confirm_password') ?? '')) {
      setFieldErrors({ confirm_password: 'The new passwords do not match.' });
      setState({ kind: 'error', message: 'Check the highlighted fields.' });
      return;
    }
    setFieldErrors({});
    setState({ kind: 'saving' });
    try {
      await callApi('POST /api/change-password', { body: { current_password: String(data.get('current_password') ?? ''), new_password: next } });
      form.reset();
      setState({ kind: 'saved' });
    } catch (error) {
      setFieldErrors(error instanceof ApiRequestError ? error.fields : {});
      setState({ kind: 'error', message: errorMessage(error) });
    }
  };
  return (
    <form onSubmit={save} aria-label="Change password" className="max-w-md space-y-3">
      {fields.map((field) => (
        <Field key={field.name} label={field.label} hint={'hint' in field ? field.hint : undefined} error={fieldErrors[field.name]}>
          <Input name={field.name} type="password" required minLength={field.minLength} autoComplete={field.autoComplete} />
        </Field>
      ))}
      <SaveBar state={state} label="Change password" />
    </form>
  );
}
