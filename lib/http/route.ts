import { createHash, timingSafeEqual } from 'node:crypto';
import { getEnv } from '@/lib/env';
import { authRequired, missingRole } from '@/lib/auth/errors';
import type { Identity } from '@/lib/auth/identity';
import { resolveIdentityNow } from '@/lib/auth/resolve';
import { logger } from '@/lib/runtime/logger';
import { isThenable } from '@/lib/runtime/thenable';
import { clientAddress } from './client-address';
import { CORRELATION_ID_HEADER, correlationIdOf } from './correlation';
import { ApiError } from '@/lib/errors';
import { takeFromWindow } from './rate-limit';
import { answerResponse, errorAnswer, jsonAnswer, type JsonAnswer } from './respond';
import { withTransportSecurity } from './security-headers';

export const PROCESS_TIME_HEADER = 'X-Process-Time';
/** As a JSON answer's headers name it (lower case, as every answer's headers are). */
const PROCESS_TIME_NAME = PROCESS_TIME_HEADER.toLowerCase();

/** Who may call a route. */
export interface RouteOptions {
  /**
   * `user` (the default): a signed-in user or a valid Bearer token, else 401. `public`: anyone; no
   * identity is resolved. `admin`: the `X-Mozaiks-App-Admin-Key` header (MOZAIKS_APP_ADMIN_KEY) or a
   * superadmin, else 401/403. `internal`: platform services only — the `X-Internal-API-Key` header
   * (INTERNAL_API_KEY), or a Bearer token whose identity holds `internal_service` (a Keycloak service
   * account); users and superadmins get 403, no credentials 401. `cron`: a scheduler (Vercel Cron and
   * the like) sending `Authorization: Bearer <CRON_SECRET>`, else 401; no identity, as for `public`.
   */
  auth?: 'user' | 'public' | 'admin' | 'internal' | 'cron';
  /** With `auth: 'user'`: the caller needs at least one of these roles (superadmins always pass, unless `superadmins: false`), else 403. */
  roles?: string[];
  /** `false` for service-to-service routes that only an identity holding one of `roles` may call. */
  superadmins?: boolean;
  /** Also accept the token from `?access_token=` (for clients that cannot set headers, as the original allowed). */
  queryToken?: boolean;
  /** Calls one identity may make per minute to this route (`name` groups the routes sharing one allowance), else 429 RATE_LIMITED. */
  rateLimit?: { name: string; perMinute: number };
}

/** What every route handler receives. */
export interface RouteContext<Params, Auth extends RouteOptions['auth'] = 'user'> {
  /** A standard Request (Next passes its NextRequest subclass; the custom server's direct routes a plain one). */
  request: Request;
  params: Params;
  /** The verified caller; never built from anything the client sent in a body, query or header. */
  identity: Auth extends 'public' | 'cron' ? null : Identity;
  /** The request's `x-correlation-id`, or a new one; every response echoes it. */
  correlationId: string;
}

/** A handler returns a Response, or any JSON value to send with status 200. */
export type RouteHandler<Params, Auth extends RouteOptions['auth'] = 'user'> = (context: RouteContext<Params, Auth>) => Promise<unknown> | unknown;

type NextRouteContext<Params> = { params: Promise<Params> };
export type NextRouteHandler<Params> = (request: Request, context: NextRouteContext<Params>) => Promise<Response>;

/** What a route answers: JSON as data (the common case), or a Response its handler built. */
export type RouteAnswer = JsonAnswer | Response;

/** A route as route() makes it: Next's handler, and the same route answering as data. */
export interface Route<Params> extends NextRouteHandler<Params> {
  /**
   * The route's answer before it becomes a Response: the custom server's direct routes write it
   * themselves (lib/server/direct-routes.ts), Next's handler above makes a Response of it.
   */
  answer(request: Request, params: Params): Promise<RouteAnswer>;
}

export const ADMIN_KEY_HEADER = 'x-mozaiks-app-admin-key';
export const INTERNAL_KEY_HEADER = 'x-internal-api-key';
/** The role a service account's token must carry for `auth: 'internal'` routes. */
export const INTERNAL_SERVICE_ROLE = 'internal_service';

/** The identity an admin-key call acts as: the app's operator, recorded as `admin-key` in the audit log. */
function adminKeyIdentity(appId: string): Identity {
  return { app_id: appId, user_id: 'admin-key', username: 'admin-key', email: null, roles: ['admin'], is_superadmin: true, user_jwt: null, auth_method: 'admin_key' };
}

/** The identity an internal-key call acts as: a platform service, with no user behind it and no superadmin rights. */
function internalKeyIdentity(appId: string): Identity {
  return { app_id: appId, user_id: 'internal-key', username: 'internal-key', email: null, roles: [INTERNAL_SERVICE_ROLE], is_superadmin: false, user_jwt: null, auth_method: 'internal_key' };
}

/** Compares digests, so the time taken says nothing about how much of the key matched (or its length). */
function keysMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A key that operators or platform services send instead of signing in: its header, the configured value, and how errors name it. */
interface KeyAccess {
  header: string;
  expected: string | undefined;
  /** e.g. `admin key`. */
  label: string;
  identity: () => Identity;
  /** What a signed-in caller without the key must be; throws otherwise. */
  check: (identity: Identity) => void;
}

async function authorizeByKey(request: Request, access: KeyAccess): Promise<Identity> {
  const key = request.headers.get(access.header);
  if (key !== null) {
    // A key this server has none of is a credential that does not check out: 401, as for no credentials
    // (a 503 told scanners which keys are unset, and told clients to retry what will never work).
    if (!access.expected) throw new ApiError('AUTH_REQUIRED', `This server accepts no ${access.label}`);
    if (!keysMatch(key, access.expected)) throw new ApiError('FORBIDDEN', `Invalid ${access.label}`);
    return access.identity();
  }
  const identity = await resolveIdentityNow(request, { allowQueryToken: false });
  if (!identity) throw authRequired();
  access.check(identity);
  return identity;
}

function adminAccess(): KeyAccess {
  const env = getEnv();
  return {
    header: ADMIN_KEY_HEADER,
    expected: env.adminKey,
    label: 'admin key',
    identity: () => adminKeyIdentity(env.appId),
    check: (identity) => {
      if (!identity.is_superadmin) throw new ApiError('FORBIDDEN', 'Superadmin access required');
    },
  };
}

function internalAccess(): KeyAccess {
  const env = getEnv();
  return {
    header: INTERNAL_KEY_HEADER,
    expected: env.internalApiKey,
    label: 'internal API key',
    identity: () => internalKeyIdentity(env.appId),
    // Exactly the service role, as the original's require_internal_service: a superadmin is a person, not a platform service.
    check: (identity) => {
      if (!identity.roles.includes(INTERNAL_SERVICE_ROLE)) throw missingRole([INTERNAL_SERVICE_ROLE]);
    },
  };
}

/** A scheduler's call: the Bearer token must be CRON_SECRET (compared in constant time); it acts as no one. */
function authorizeCron(request: Request): null {
  const expected = getEnv().cronSecret;
  if (!expected) {
    // Said in the log too: the scheduler calling sees only a status, the operator reads the log.
    logger.warn('a cron call was refused: CRON_SECRET is not set');
    throw new ApiError('AUTH_REQUIRED', 'This server accepts no cron calls: set CRON_SECRET (docs/operations.md, "Periodic work")');
  }
  const header = request.headers.get('authorization');
  if (!header) throw new ApiError('AUTH_REQUIRED', 'Cron calls need Authorization: Bearer <CRON_SECRET>');
  const token = /^Bearer (.+)$/i.exec(header)?.[1];
  if (!token || !keysMatch(token, expected)) throw new ApiError('TOKEN_INVALID', 'Invalid cron secret');
  return null;
}

function authorizeUser(identity: Identity | null, options: RouteOptions): Identity {
  if (!identity) throw authRequired();
  const superadminPasses = identity.is_superadmin && options.superadmins !== false;
  if (options.roles?.length && !superadminPasses && !options.roles.some((role) => identity.roles.includes(role))) {
    throw missingRole(options.roles);
  }
  return identity;
}

/** The caller per the route's options; without waiting when the identity is already known (a Bearer token verified moments ago). */
function authorize(request: Request, options: RouteOptions): Identity | null | Promise<Identity | null> {
  if (options.auth === 'public') return null;
  if (options.auth === 'admin') return authorizeByKey(request, adminAccess());
  if (options.auth === 'internal') return authorizeByKey(request, internalAccess());
  if (options.auth === 'cron') return authorizeCron(request);
  const identity = resolveIdentityNow(request, { allowQueryToken: options.queryToken ?? false });
  return identity instanceof Promise ? identity.then((resolved) => authorizeUser(resolved, options)) : authorizeUser(identity, options);
}

/**
 * The one wrapper for route handlers: it authenticates the caller (see RouteOptions), times the
 * request, applies the route's rate limit, turns whatever the handler returns or throws into a
 * response with `{detail, error_code}` errors, and sets `X-Process-Time` and `x-correlation-id`. (`X-Mozaiks-Runtime-Version` and the static
 * security headers are set for every path, pages included, in next.config.ts; Strict-Transport-Security here, or by the direct routes.)
 *
 *   export const { GET } = methods({ GET: route({ auth: 'public' }, () => ({ ok: true })) });
 *   export const { POST } = methods({ POST: route({}, ({ identity }) => doSomething(identity.user_id)) });
 */
export function route<Params = Record<string, string | string[]>, const Options extends RouteOptions = RouteOptions>(
  options: Options,
  handler: RouteHandler<Params, Options['auth'] extends 'public' | 'cron' ? 'public' : 'user'>,
): Route<Params> {
  // Chained rather than async: each await costs a promise, and every plugin call passes here.
  const answer = (request: Request, params: Params): Promise<RouteAnswer> => {
    const started = performance.now();
    const correlationId = correlationIdOf(request);
    const stamped = (answered: RouteAnswer): RouteAnswer => {
      const processTime = ((performance.now() - started) / 1000).toFixed(6);
      if (answered instanceof Response) {
        answered.headers.set(PROCESS_TIME_HEADER, processTime);
        answered.headers.set(CORRELATION_ID_HEADER, correlationId);
      } else {
        answered.headers[PROCESS_TIME_NAME] = processTime;
        answered.headers[CORRELATION_ID_HEADER] = correlationId;
      }
      return answered;
    };
    const failed = (error: unknown) => stamped(errorAnswer(error, { method: request.method, path: new URL(request.url).pathname }));
    const answeredWith = (result: unknown) => {
      try {
        return stamped(result instanceof Response ? result : jsonAnswer(result));
      } catch (error) {
        // A value that is not JSON (a BigInt, a cycle): a 500 like any other failure.
        return failed(error);
      }
    };
    const handle = (identity: Identity | null) => {
      if (options.rateLimit) takeFromWindow(`${options.rateLimit.name}:${identity?.app_id}:${identity?.user_id ?? clientAddress(request)}`, options.rateLimit.perMinute);
      return handler({ request, params, identity, correlationId } as RouteContext<Params, Options['auth'] extends 'public' | 'cron' ? 'public' : 'user'>);
    };
    try {
      const authorized = authorize(request, options);
      const result = authorized instanceof Promise ? authorized.then(handle) : handle(authorized);
      return isThenable(result) ? Promise.resolve(result).then(answeredWith, failed) : Promise.resolve(answeredWith(result));
    } catch (error) {
      return Promise.resolve(failed(error));
    }
  };
  const respond = async (request: Request, context: NextRouteContext<Params>): Promise<Response> => {
    const answered = await answer(request, ((await context?.params) ?? {}) as Params);
    return withTransportSecurity(answered instanceof Response ? answered : answerResponse(answered), getEnv().security);
  };
  return Object.assign(respond, { answer });
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];
type Handlers<Params> = Partial<Record<HttpMethod | 'OPTIONS', Route<Params>>>;

/**
 * Completes a route's handlers so that every method it does not implement answers
 * 405 `{detail, error_code: "METHOD_NOT_ALLOWED"}` with an `Allow` header, instead of Next's empty 405,
 * and `OPTIONS` answers 204 naming the methods the route really has (Next's own OPTIONS would list
 * every exported one, these 405s included).
 *
 *   export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({ GET: route(async () => …) });
 */
export function methods<Params>(handlers: Handlers<Params>): Record<HttpMethod | 'OPTIONS', Route<Params>> {
  const allowed = HTTP_METHODS.filter((method) => handlers[method]);
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const notAllowed = route<Params>({ auth: 'public' }, ({ request }) => {
    throw new ApiError('METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed on ${new URL(request.url).pathname}`, {
      headers: { Allow: allow },
    });
  });
  const options = route<Params>({ auth: 'public' }, () => new Response(null, { status: 204, headers: { Allow: allow } }));
  return {
    ...(Object.fromEntries(HTTP_METHODS.map((method) => [method, handlers[method] ?? notAllowed])) as Record<HttpMethod, Route<Params>>),
    OPTIONS: handlers.OPTIONS ?? options,
  };
}
