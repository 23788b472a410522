// GET|POST /api/auth/* — Auth.js: sign-in, callbacks, sign-out, session and CSRF endpoints
import { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { ApiError, readBytes, toErrorResponse } from '@/lib/http';
import { withTransportSecurity } from '@/lib/http/security-headers';

/** The actions Auth.js serves; anything else under /api/auth gets the JSON 404 of every unknown API path. */
const AUTH_ACTIONS = new Set(['signin', 'signout', 'callback', 'session', 'csrf', 'providers', 'error']);

/**
 * Auth.js reads bodies whole, whatever their size: a POST's body is read here first, under the limit
 * every route has (413 past it), and handed on in memory.
 */
async function withBoundedBody(request: NextRequest): Promise<NextRequest> {
  if (request.method === 'GET' || request.method === 'HEAD') return request;
  const body = await readBytes(request);
  return new NextRequest(request.url, { method: request.method, headers: request.headers, body });
}

function guard(handler: (request: NextRequest) => Promise<Response>) {
  return async (request: NextRequest) => {
    const context = { method: request.method, path: request.nextUrl.pathname };
    const action = request.nextUrl.pathname.split('/')[3] ?? '';
    if (!AUTH_ACTIONS.has(action)) {
      return toErrorResponse(new ApiError('NOT_FOUND', `No API route matches ${request.method} ${request.nextUrl.pathname}`), context);
    }
    let bounded: NextRequest;
    try {
      bounded = await withBoundedBody(request);
    } catch (error) {
      return toErrorResponse(error, context);
    }
    return withTransportSecurity(await handler(bounded), getEnv().security);
  };
}

export const GET = guard(handlers.GET);
export const POST = guard(handlers.POST);
