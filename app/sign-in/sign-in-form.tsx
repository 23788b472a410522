'use client';

import { useActionState } from 'react';
import { FormField } from '../_components/form-field';
import { signInAction, type FormState } from './actions';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="form-error">
          {state.error}
        </p>
      )}
      <FormField name="username" label="Username" autoComplete="username" defaultValue={state.values?.username} />
      <FormField name="password" label="Password" type="password" autoComplete="current-password" />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-theme bg-accent px-4 py-2 font-medium text-accent-contrast hover:opacity-90 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
