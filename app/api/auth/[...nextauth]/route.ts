// GET|POST /api/auth/* — Auth.js: sign-in, callbacks, sign-out, session and CSRF endpoints
import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/session';
import { ApiError, toErrorResponse } from '@/lib/http';

/** The actions Auth.js serves; anything else under /api/auth gets the JSON 404 of every unknown API path. */
const AUTH_ACTIONS = new Set(['signin', 'signout', 'callback', 'session', 'csrf', 'providers', 'error']);

function guard(handler: (request: NextRequest) => Promise<Response>) {
  return (request: NextRequest) => {
    const action = request.nextUrl.pathname.split('/')[3] ?? '';
    if (!AUTH_ACTIONS.has(action)) {
      return toErrorResponse(new ApiError('NOT_FOUND', `No API route matches ${request.method} ${request.nextUrl.pathname}`), {
        method: request.method,
        path: request.nextUrl.pathname,
      });
    }
    return handler(request);
  };
}

export const GET = guard(handlers.GET);
export const POST = guard(handlers.POST);
