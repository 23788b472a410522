/**
 * The OpenAPI 3.1 document, generated from the table of endpoints (lib/api/table.ts): the same zod
 * schemas the endpoints parse with (z.toJSONSchema), so the reference cannot drift from what the
 * server accepts and answers. Served at GET /api/openapi.json.
 */
import { z } from 'zod';
import { ERROR_STATUSES, errorBodySchema, type ErrorCode } from '@/lib/errors';
import { RUNTIME_VERSION } from '@/lib/runtime/version';
import type { AnyEndpoint } from './endpoint';

type JsonSchema = Record<string, unknown>;

/** The schema as OpenAPI 3.1 embeds it (JSON Schema 2020-12, without its own `$schema`). */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** What each kind of caller may send. */
const SECURITY: Record<AnyEndpoint['auth'], Record<string, string[]>[]> = {
  public: [],
  user: [{ bearer: [] }, { session: [] }],
  admin: [{ adminKey: [] }, { bearer: [] }, { session: [] }],
  internal: [{ internalApiKey: [] }, { bearer: [] }],
  cron: [{ cronSecret: [] }],
};

/** The codes the wrapper itself may answer for an endpoint, from its declaration. */
function impliedErrors(declared: AnyEndpoint): ErrorCode[] {
  const codes: ErrorCode[] = [];
  // A scheduler's secret is checked without a database, an account or a cookie.
  if (declared.auth === 'cron') codes.push('AUTH_REQUIRED', 'TOKEN_INVALID');
  else if (declared.auth !== 'public') codes.push('AUTH_REQUIRED', 'TOKEN_EXPIRED', 'TOKEN_INVALID', 'ACCOUNT_DISABLED', 'DB_UNAVAILABLE');
  if (declared.auth === 'admin' || declared.auth === 'internal' || declared.roles?.length) codes.push('FORBIDDEN');
  // A write authenticated by the session cookie must come from the app's own origin.
  if ((declared.auth === 'user' || declared.auth === 'admin' || declared.auth === 'internal') && declared.method !== 'GET') codes.push('CSRF_REJECTED');
  if (declared.params || declared.query || declared.body) codes.push('VALIDATION_ERROR');
  if (declared.body) codes.push('PAYLOAD_TOO_LARGE', declared.bodyType === 'form' ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_JSON');
  if (declared.rateLimit) codes.push('RATE_LIMITED');
  return codes;
}

function errorResponses(declared: AnyEndpoint): Record<string, unknown> {
  const byStatus = new Map<number, Set<ErrorCode>>();
  const add = (code: ErrorCode, status: number) => byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
  for (const code of impliedErrors(declared)) add(code, ERROR_STATUSES[code]);
  for (const entry of declared.errors ?? []) {
    if (typeof entry === 'string') add(entry, ERROR_STATUSES[entry]);
    else add(entry[0], entry[1]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const names = [...codes];
    responses[String(status)] = {
      description: names.join(', '),
      content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/Error' }, { properties: { error_code: { enum: names } } }] } } },
    };
  }
  return responses;
}

/** The path and query parameters of an object schema, each with its own schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

/** A union whose branches each fix `action` to a different constant matches exactly one of them: `oneOf`. */
function exclusive(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf as { properties?: { action?: { const?: unknown } } }[] | undefined;
  if (!branches?.every((branch) => branch.properties?.action?.const !== undefined)) return schema;
  const { anyOf, ...rest } = schema;
  return { ...rest, oneOf: anyOf };
}

function requestBody(declared: AnyEndpoint, body: z.ZodType | undefined): JsonSchema | undefined {
  if (!body) return undefined;
  const schema = exclusive(schemaOf(body, 'input'));
  const types = declared.bodyType === 'form' ? ['application/x-www-form-urlencoded', 'multipart/form-data'] : ['application/json'];
  return { required: !declared.emptyBody, content: Object.fromEntries(types.map((type) => [type, { schema }])) };
}

/** One event of a `text/event-stream` answer, as SSE clients (and Schemathesis) read it: its fields, `data` as sent. */
const SSE_EVENT = {
  type: 'object',
  required: ['data'],
  properties: {
    event: { type: 'string' },
    data: { type: 'string', contentMediaType: 'application/json' },
    id: { type: 'string' },
    retry: { type: 'integer' },
  },
} as const;

function operationId(method: string, path: string): string {
  const words = path
    .replace(/[{}]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((word) => word[0]!.toUpperCase() + word.slice(1))].join('');
}

function operation(declared: AnyEndpoint, variant: { path: string; summary?: string; description?: string; body?: z.ZodType; output?: z.ZodType }) {
  const other = Object.entries(declared.otherAnswers ?? {}).map(([status, answer]) => [
    status,
    { description: answer!.description, ...(answer!.schema ? { content: { 'application/json': { schema: schemaOf(answer!.schema, 'output') } } } : {}) },
  ]);
  const output = variant.output ?? declared.output;
  const body = requestBody(declared, variant.body ?? declared.body);
  const isVariant = variant.path !== declared.path;
  return {
    operationId: operationId(declared.method, variant.path),
    tags: declared.tags,
    summary: variant.summary ?? declared.summary,
    ...((variant.description ?? declared.description) ? { description: variant.description ?? declared.description } : {}),
    security: SECURITY[declared.auth],
    parameters: [...(isVariant ? [] : parameters(declared.params, 'path')), ...parameters(declared.query, 'query')],
    ...(body ? { requestBody: body } : {}),
    responses: {
      '200': declared.produces
        ? { description: 'OK', content: { [declared.produces]: { schema: SSE_EVENT } } }
        : { description: 'OK', content: { 'application/json': { schema: output ? schemaOf(output, 'output') : {} } } },
      ...Object.fromEntries(other),
      ...errorResponses(declared),
    },
  };
}

/** The document for these endpoints; built on each call (cheap), so it always reflects the schemas of this build. */
export function openApiDocument(endpoints: readonly AnyEndpoint[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const declared of endpoints) {
    for (const variant of [{ path: declared.path }, ...(declared.variants?.() ?? [])]) {
      (paths[variant.path] ??= {})[declared.method.toLowerCase()] = operation(declared, variant);
    }
  }
  return {
    openapi: '3.1.0' as const,
    info: {
      title: 'Mozaiks Core API',
      version: RUNTIME_VERSION,
      description: 'Every endpoint of the runtime: the Director and each plugin’s actions, accounts, notifications, settings, subscriptions, AI chats, the core Identity and Billing APIs and the admin API. Errors are `{detail, error_code}`, with `error_code` one of a closed set.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A local access token (POST /api/auth/token), a Keycloak access token, or a service-account token holding internal_service' },
        session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'The browser session; writes must come from the app’s own origin' },
        adminKey: { type: 'apiKey', in: 'header', name: 'X-Mozaiks-App-Admin-Key', description: 'MOZAIKS_APP_ADMIN_KEY' },
        internalApiKey: { type: 'apiKey', in: 'header', name: 'X-Internal-API-Key', description: 'INTERNAL_API_KEY' },
        cronSecret: { type: 'http', scheme: 'bearer', description: 'CRON_SECRET, as Vercel Cron sends it' },
      },
      schemas: { Error: schemaOf(errorBodySchema, 'output') },
    },
    paths,
  };
}
