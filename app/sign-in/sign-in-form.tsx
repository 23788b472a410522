'use client';

import { useActionState } from 'react';
import { FormError, FormField, SubmitButton } from '../_components/form-field';
import { signInAction, type FormState } from './actions';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormError message={state.error} />
      <FormField name="username" label="Username" autoComplete="username" defaultValue={state.values?.username} />
      <FormField name="password" label="Password" type="password" autoComplete="current-password" />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" />
    </form>
  );
}
