/**
 * Identity in server components and server actions: the same resolver as route handlers, fed with
 * the incoming request's headers.
 */
import { headers } from 'next/headers';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { ApiError } from '@/lib/errors';
import type { Identity } from './identity';
import { PATH_HEADER } from './page-path';
import { resolveIdentity } from './resolve';


/** The incoming page or server-action request, rebuilt from its headers (for resolvers that take a Request). */
export async function currentRequest(): Promise<Request> {
  const incoming = await headers();
  const host = incoming.get('host') ?? 'localhost';
  const protocol = incoming.get('x-forwarded-proto') ?? 'http';
  return new Request(`${protocol}://${host}${incoming.get(PATH_HEADER) ?? '/'}`, { headers: incoming });
}

/**
 * The signed-in user of this page request, or null. A broken session counts as signed out.
 * Resolved once per request however many server components ask (React's request cache).
 */
export const currentIdentity = cache(async (): Promise<Identity | null> => {
  try {
    return await resolveIdentity(await currentRequest());
  } catch (error) {
    // A bad Authorization header on a page request means "not signed in"; other failures (the
    // database being down) go to the error page rather than pretending the user signed out.
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
});

/** The signed-in user; otherwise a redirect to the sign-in page, which brings the visitor back here. */
export async function requireIdentity(): Promise<Identity> {
  const identity = await currentIdentity();
  if (identity) return identity;
  const path = (await headers()).get(PATH_HEADER) ?? '/';
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}

/** Only same-site paths may be a post-sign-in destination (no open redirects). */
export function safeCallbackUrl(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/';
}
