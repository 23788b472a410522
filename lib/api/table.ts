/**
 * The table of endpoints: every endpoint of the HTTP surface, by the module that declares it.
 * Route files (scripts/generate-routes.ts), direct dispatch (lib/api/dispatch.ts), the API reference
 * (lib/api/openapi.ts) and the browser client's types (lib/api/client.ts) all read it.
 */
import { z } from 'zod';
import { endpoint, isEndpoint, type AnyEndpoint } from './endpoint';
import * as admin from './endpoints/admin';
import * as ai from './endpoints/ai';
import * as auth from './endpoints/auth';
import * as billing from './endpoints/billing';
import * as config from './endpoints/config';
import * as identity from './endpoints/identity';
import * as notifications from './endpoints/notifications';
import * as plugins from './endpoints/plugins';
import * as profile from './endpoints/profile';
import * as realtime from './endpoints/realtime';
import * as system from './endpoints/system';
import { openApiDocument } from './openapi';

/** Each module of lib/api/endpoints/, by its file name. */
export const ENDPOINT_MODULES = { admin, ai, auth, billing, config, identity, notifications, plugins, profile, realtime, system } as const;

export const openApi = endpoint({
  method: 'GET',
  path: '/api/openapi.json',
  tags: ['Runtime'],
  summary: 'This document: the OpenAPI 3.1 description of every endpoint',
  // Public, like the endpoints' own error messages: it describes the contract and holds no data.
  auth: 'public',
  output: z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }),
  handler: () => openApiDocument(ENDPOINTS),
});

export const ENDPOINTS: readonly AnyEndpoint[] = [...Object.values(ENDPOINT_MODULES).flatMap((module) => Object.values(module).filter(isEndpoint)), openApi];

/**
 * Route files under app/ that are Next's own rather than an endpoint's, and why: the coverage test
 * (tests/api/every-route-is-an-endpoint.test.ts) accepts these and nothing else.
 */
export const NEXT_ONLY_ROUTES: Record<string, string> = {
  'app/api/auth/[...nextauth]/route.ts': "Auth.js's own handlers (sign-in, callbacks, session, CSRF token), served by Next",
  'app/api/[...path]/route.ts': 'A JSON 404 for any /api path no endpoint has',
  'app/%5F_mozaiks/[...path]/route.ts': 'A JSON 404 for any /__mozaiks path no endpoint has',
  'app/api/bench/[answer]/route.ts': "The benchmarks' bare handler (MOZAIKS_BENCH_BASELINE), deliberately outside the wrapper",
};

type Exported = { [M in keyof typeof ENDPOINT_MODULES]: (typeof ENDPOINT_MODULES)[M][keyof (typeof ENDPOINT_MODULES)[M]] }[keyof typeof ENDPOINT_MODULES] | typeof openApi;

/** Every endpoint by `METHOD /path`: what the typed browser client looks its types up in. */
export type EndpointsByKey = { [E in Exported as `${E['method']} ${E['path']}`]: E };
