import type { NextRequest } from 'next/server';
import { ApiError } from './errors';
import { json, toErrorResponse } from './respond';

export const PROCESS_TIME_HEADER = 'X-Process-Time';

/** What every route handler receives. Later layers add the identity, tenant and plan here. */
export interface RouteContext<Params> {
  request: NextRequest;
  params: Params;
}

/** A handler returns a Response, or any JSON value to send with status 200. */
export type RouteHandler<Params> = (context: RouteContext<Params>) => Promise<unknown> | unknown;

type NextRouteContext<Params> = { params: Promise<Params> };
export type NextRouteHandler<Params> = (request: NextRequest, context: NextRouteContext<Params>) => Promise<Response>;

/**
 * The one wrapper for route handlers: it times the request, turns whatever the handler returns or
 * throws into a response with `{detail, error_code}` errors, and sets `X-Process-Time`.
 * (`X-Mozaiks-Runtime-Version` is set for every path, pages included, in next.config.ts.)
 */
export function route<Params = Record<string, string | string[]>>(handler: RouteHandler<Params>): NextRouteHandler<Params> {
  return async (request, context) => {
    const started = performance.now();
    let response: Response;
    try {
      const params = ((await context?.params) ?? {}) as Params;
      const result = await handler({ request, params });
      response = result instanceof Response ? result : json(result);
    } catch (error) {
      response = toErrorResponse(error, { method: request.method, path: request.nextUrl.pathname });
    }
    response.headers.set(PROCESS_TIME_HEADER, ((performance.now() - started) / 1000).toFixed(6));
    return response;
  };
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];
type Handlers<Params> = Partial<Record<HttpMethod, NextRouteHandler<Params>>>;

/**
 * Completes a route's handlers so that every method it does not implement answers
 * 405 `{detail, error_code: "METHOD_NOT_ALLOWED"}` with an `Allow` header, instead of Next's empty 405.
 *
 *   export const { GET, POST, PUT, PATCH, DELETE } = methods({ GET: route(async () => …) });
 */
export function methods<Params>(handlers: Handlers<Params>): Record<HttpMethod, NextRouteHandler<Params>> {
  const allowed = HTTP_METHODS.filter((method) => handlers[method]);
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const notAllowed = route<Params>(({ request }) => {
    throw new ApiError('METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed on ${request.nextUrl.pathname}`, {
      headers: { Allow: allow },
    });
  });
  return Object.fromEntries(HTTP_METHODS.map((method) => [method, handlers[method] ?? notAllowed])) as Record<
    HttpMethod,
    NextRouteHandler<Params>
  >;
}
