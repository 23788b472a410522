'use client';

import { useActionState } from 'react';
import { FormField } from '../_components/form-field';
import { signUpAction, type FormState } from '../sign-in/actions';

export function SignUpForm({ callbackUrl, minPasswordLength }: { callbackUrl: string; minPasswordLength: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signUpAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="form-error">
          {state.error}
        </p>
      )}
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
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-theme bg-accent px-4 py-2 font-medium text-accent-contrast hover:opacity-90 disabled:opacity-60"
      >
        {pending ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
