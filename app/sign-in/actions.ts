'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { registerLocalAccount, registrationSchema } from '@/lib/auth';
import { startTrial } from '@/lib/subscriptions';
import { keycloakEndSessionUrl } from '@/lib/auth/keycloak-session';
import { GENERIC_SIGN_IN_FAILURE, SIGN_IN_MESSAGES } from '@/lib/auth/messages';
import { currentRequest, safeCallbackUrl } from '@/lib/auth/page';
import { readSessionToken, signIn, signOut } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { clientAddress } from '@/lib/http/client-address';
import { ApiError } from '@/lib/errors';

export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}


/** Auth.js signals success with a redirect (thrown); failures arrive as AuthErrors carrying our code. */
function signInFailure(error: unknown): FormState {
  if (error instanceof AuthError) {
    const code = (error as AuthError & { code?: string }).code ?? '';
    return { error: SIGN_IN_MESSAGES[code] ?? GENERIC_SIGN_IN_FAILURE };
  }
  throw error;
}

export async function signInAction(_state: FormState, form: FormData): Promise<FormState> {
  const username = String(form.get('username') ?? '');
  try {
    await signIn('credentials', {
      username,
      password: String(form.get('password') ?? ''),
      redirectTo: safeCallbackUrl(form.get('callbackUrl')),
    });
  } catch (error) {
    return { ...signInFailure(error), values: { username } };
  }
  return {};
}

export async function keycloakSignInAction(form: FormData): Promise<void> {
  await signIn('keycloak', { redirectTo: safeCallbackUrl(form.get('callbackUrl')) });
}

export async function signUpAction(_state: FormState, form: FormData): Promise<FormState> {
  const values = { username: String(form.get('username') ?? ''), email: String(form.get('email') ?? ''), full_name: String(form.get('full_name') ?? '') };
  const parsed = registrationSchema.safeParse({ ...values, password: String(form.get('password') ?? '') });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { fieldErrors, values };
  }
  try {
    const user = await registerLocalAccount({ registration: parsed.data, address: clientAddress(await currentRequest()) });
    await startTrial(getEnv().appId, user._id);
  } catch (error) {
    if (error instanceof ApiError && (error.errorCode === 'USERNAME_TAKEN' || error.errorCode === 'EMAIL_TAKEN')) {
      return { fieldErrors: { [error.errorCode === 'USERNAME_TAKEN' ? 'username' : 'email']: error.detail }, values };
    }
    // Too many sign-ups from this address, or too many at once: said on the form, not a crash page.
    if (error instanceof ApiError && (error.errorCode === 'RATE_LIMITED' || error.errorCode === 'SERVICE_UNAVAILABLE')) return { error: error.detail, values };
    throw error;
  }
  try {
    await signIn('credentials', { username: parsed.data.username, password: parsed.data.password, redirectTo: safeCallbackUrl(form.get('callbackUrl')) });
  } catch (error) {
    return { ...signInFailure(error), values };
  }
  return {};
}

/** Ends the session here and, for Keycloak users, at Keycloak too, so the next sign-in asks for the password again. */
export async function signOutAction(): Promise<void> {
  const request = await currentRequest();
  const origin = new URL(request.url).origin;
  const token = await readSessionToken(request);
  const endSession = token?.keycloak?.id_token ? keycloakEndSessionUrl(getEnv(), token.keycloak.id_token, `${origin}/sign-in?signed_out=1`) : null;
  await signOut({ redirect: false });
  redirect(endSession ?? '/sign-in?signed_out=1');
}

