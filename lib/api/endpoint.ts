/**
 * An endpoint is declared once: its method and path, who may call it, its input schemas (params,
 * query, body), its output schema, the error codes it may answer, and its handler. From that one
 * declaration come the Next route file (generated: scripts/generate-routes.ts), the custom server's
 * direct dispatch (lib/api/dispatch.ts), the OpenAPI document (lib/api/openapi.ts) and the typed
 * browser client (lib/api/client.ts).
 *
 *   export const currentTheme = endpoint({
 *     method: 'GET', path: '/api/current-theme', tags: ['Profile'], summary: "The signed-in user's theme",
 *     output: z.object({ theme: z.string() }),
 *     handler: async ({ identity }) => ({ theme: await themeFor(identity) }),
 *   });
 *
 * The handler runs inside route() (lib/http/route.ts), the one request wrapper: authentication, the
 * rate limit, the error mapping and the runtime headers happen there.
 */
import type { z } from 'zod';
import type { Identity } from '@/lib/auth/identity';
import type { ErrorCode } from '@/lib/errors';
import { readForm, readJson, readQuery } from '@/lib/http/body';
import { route, type Route, type RouteOptions } from '@/lib/http/route';
import { isThenable } from '@/lib/runtime/thenable';
import { checkedOutput } from './output-check';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Who may call an endpoint (see RouteOptions['auth']). */
export type Access = NonNullable<RouteOptions['auth']>;

type Schema = z.ZodType | undefined;
/** What a schema parses to, or `undefined` when the endpoint has none. */
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface EndpointContext<A extends Access, Params extends Schema, Query extends Schema, Body extends Schema> {
  /** A standard Request (Next's NextRequest, or the custom server's NodeRequest). */
  request: Request;
  /** The verified caller; never built from anything the client sent. */
  identity: A extends 'public' | 'cron' ? null : Identity;
  correlationId: string;
  params: Parsed<Params>;
  query: Parsed<Query>;
  body: Parsed<Body>;
}

interface EndpointFields<M extends HttpMethod, P extends string, A extends Access, Params extends Schema, Query extends Schema, Body extends Schema, Output extends Schema> {
  method: M;
  /** OpenAPI style: `/api/notifications/{id}/read`. The Next route file lives at the same path with `[id]`. */
  path: P;
  /** One line for the API reference; the route file's header comment too. */
  summary: string;
  description?: string;
  /** Groups in the API reference, e.g. `['Notifications']`. */
  tags: string[];
  /** Default `user`. */
  auth?: A;
  roles?: string[];
  superadmins?: boolean;
  queryToken?: boolean;
  rateLimit?: RouteOptions['rateLimit'];
  /** The path parameters, as strings (Next hands a catch-all's segments as an array). */
  params?: Params;
  query?: Query;
  body?: Body;
  /** How the body is sent: a JSON object (the default), or a form (urlencoded or multipart). */
  bodyType?: 'json' | 'form';
  /** JSON bodies whose fields are all optional: an empty body reads as `{}`. */
  emptyBody?: boolean;
  /** The 200 answer's media type when it is not JSON: an SSE stream the handler returns as a Response. */
  produces?: 'text/event-stream';
  /** The 200 answer's body. Checked against every answer when MOZAIKS_CHECK_OUTPUTS is set (the test servers set it). */
  output?: Output;
  /** Statuses other than 200 the handler answers itself, with what they mean (e.g. `/ready`'s 503). */
  otherAnswers?: Partial<Record<number, { description: string; schema?: z.ZodType }>>;
  /**
   * The codes this endpoint's handler may answer, beyond those the wrapper implies (auth, validation,
   * limits); `[code, status]` where it answers one with another status than the code's own.
   */
  errors?: (ErrorCode | readonly [ErrorCode, number])[];
  /**
   * Concrete paths the reference lists beside the templated one, each with its own body and output:
   * the Director's path once per plugin, with the plugin's actions.
   */
  variants?: () => EndpointVariant[];
  /** false: served by Next even on the custom server (Auth.js, whose handler is Next's own). Default true. */
  direct?: boolean;
}

export interface EndpointVariant {
  path: string;
  summary?: string;
  description?: string;
  body?: z.ZodType;
  output?: z.ZodType;
}

export interface EndpointSpec<M extends HttpMethod, P extends string, A extends Access, Params extends Schema, Query extends Schema, Body extends Schema, Output extends Schema>
  extends EndpointFields<M, P, A, Params, Query, Body, Output> {
  /** Returns the 200 answer's JSON (or a Response it built); throws ApiError for the rest. */
  handler: (context: EndpointContext<A, Params, Query, Body>) => unknown;
}

/** A declared endpoint: its declaration, and its handler wrapped by route() (Next's handler, and `answer` for direct dispatch). */
export interface Endpoint<
  M extends HttpMethod = HttpMethod,
  P extends string = string,
  A extends Access = Access,
  Params extends Schema = Schema,
  Query extends Schema = Schema,
  Body extends Schema = Schema,
  Output extends Schema = Schema,
> extends EndpointFields<M, P, A, Params, Query, Body, Output> {
  kind: 'endpoint';
  auth: A;
  route: Route<Record<string, string | string[]>>;
}

/** Reads the body as the declaration says: at once when it is in memory (the custom server), else a promise. */
function readBody(request: Request, spec: Pick<EndpointFields<HttpMethod, string, Access, Schema, Schema, Schema, Schema>, 'body' | 'bodyType' | 'emptyBody'>): unknown {
  if (!spec.body) return undefined;
  if (spec.bodyType === 'form') return readForm(request, spec.body);
  return readJson(request, spec.body, { allowEmpty: spec.emptyBody ?? false });
}

export function endpoint<
  const M extends HttpMethod,
  const P extends string,
  const A extends Access = 'user',
  Params extends Schema = undefined,
  Query extends Schema = undefined,
  Body extends Schema = undefined,
  Output extends Schema = undefined,
>(spec: EndpointSpec<M, P, A, Params, Query, Body, Output>): Endpoint<M, P, A, Params, Query, Body, Output> {
  const { handler, ...fields } = spec;
  const auth = (spec.auth ?? 'user') as A;
  const options: RouteOptions = { auth, roles: spec.roles, superadmins: spec.superadmins, queryToken: spec.queryToken, rateLimit: spec.rateLimit };
  const check = checkedOutput(spec.output);
  // Chained rather than async where the body is in memory: each await costs a promise (docs/performance.md).
  const wrapped = route<Record<string, string | string[]>>(options, ({ request, params: rawParams, identity, correlationId }) => {
    const params = spec.params ? spec.params.parse(rawParams) : undefined;
    const query = spec.query ? readQuery(request, spec.query) : undefined;
    const run = (body: unknown) =>
      check(handler({ request, identity, correlationId, params, query, body } as EndpointContext<A, Params, Query, Body>));
    const body = readBody(request, spec);
    return isThenable(body) ? Promise.resolve(body).then(run) : run(body);
  });
  return { ...fields, kind: 'endpoint', auth, route: wrapped };
}

/** The union of the endpoints a module exports; what lib/api/table.ts collects. */
export type AnyEndpoint = Endpoint<HttpMethod, string, Access, Schema, Schema, Schema, Schema>;

export function isEndpoint(value: unknown): value is AnyEndpoint {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'endpoint';
}
