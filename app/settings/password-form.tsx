'use client';

import { callApi } from '@/lib/api/client';
import { useState, type FormEvent } from 'react';
import { SaveBar, type SaveState } from './save-status';

const inputClass = 'w-full rounded-theme border border-line bg-surface px-3 py-2 text-sm text-fg';

/** Changing a local account's password: the current one, the new one twice. */
export function PasswordForm() {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const next = String(data.get('new_password') ?? '');
    if (next !== String(data.get('confirm_password') ?? '')) {
      setState({ kind: 'error', message: 'The new passwords do not match.' });
      return;
    }
    setState({ kind: 'saving' });
    try {
      await callApi('POST /api/change-password', { body: { current_password: String(data.get('current_password') ?? ''), new_password: next } });
      form.reset();
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };
  return (
    <form onSubmit={save} aria-label="Change password" className="max-w-md space-y-3">
      {[
        ['current_password', 'Current password', 'current-password'],
        ['new_password', 'New password', 'new-password'],
        ['confirm_password', 'Repeat the new password', 'new-password'],
      ].map(([name, label, autoComplete]) => (
        <div key={name} className="space-y-1">
          <label htmlFor={`password-${name}`} className="block text-sm font-medium text-fg">
            {label}
          </label>
          <input id={`password-${name}`} name={name} type="password" required minLength={name === 'current_password' ? 1 : 8} autoComplete={autoComplete} className={inputClass} />
        </div>
      ))}
      <p className="text-sm text-fg-muted">At least 8 characters.</p>
      <SaveBar state={state} label="Change password" />
    </form>
  );
}
