'use client';

import { useActionState } from 'react';
import { FormError, FormField, SubmitButton } from '../_components/form-field';
import { signUpAction, type FormState } from '../sign-in/actions';

export function SignUpForm({ callbackUrl, minPasswordLength }: { callbackUrl: string; minPasswordLength: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signUpAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormError message={state.error} />
      <FormField name="full_name" label="Full name" autoComplete="name" defaultValue={state.values?.full_name} error={errors.full_name} />
      <FormField name="email" label="Email" type="email" autoComplete="email" defaultValue={state.values?.email} error={errors.email} />
      <FormField
        name="username"
        label="Username"
        autoComplete="username"
        defaultValue={state.values?.username}
        error={errors.username}
        hint="3–32 letters, digits, “_”, “.” or “-”."
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint={`At least ${minPasswordLength} characters.`}
      />
      <SubmitButton pending={pending} label="Create account" pendingLabel="Creating your account…" />
    </form>
  );
}
