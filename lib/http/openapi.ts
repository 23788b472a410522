/**
 * The OpenAPI 3.1 description of the API platform services and plugin clients call, generated from the
 * same zod schemas the routes parse with (z.toJSONSchema), so the description cannot drift from what
 * the server accepts and answers. Served at GET /api/openapi.json.
 */
import { z } from 'zod';
import {
  cancelRequest,
  checkoutRequest,
  checkoutResponseSchema,
  checkPermissionInput,
  featureAccessInput,
  featureAccessSchema,
  identityUserSchema,
  okSchema,
  paymentStatusSchema,
  permissionCheckSchema,
  subscriptionStatusSchema,
  updateRolesInput,
  usageSchema,
  userRolesSchema,
} from '@/lib/connectors';
import { userIdParam } from '@/lib/connectors/core/api';
import { pluginName } from '@/lib/plugins/manifest';
import { RUNTIME_VERSION } from '@/lib/runtime/version';

type JsonSchema = Record<string, unknown>;

/** The schema as OpenAPI 3.1 embeds it (JSON Schema 2020-12, without its own `$schema`). */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const errorBody = z.object({
  detail: z.string().describe('Human-readable; safe to show'),
  error_code: z.string().describe('Stable SCREAMING_SNAKE code; branch on this'),
});

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const ERRORS = {
  VALIDATION: { '422': errorResponse('VALIDATION_ERROR: the body, query or path did not match the schema (`errors` lists each problem)') },
  INVALID_JSON: { '400': errorResponse('INVALID_JSON: the body is not a JSON object') },
  USER_AUTH: { '401': errorResponse('AUTH_REQUIRED, TOKEN_EXPIRED or TOKEN_INVALID') },
  INTERNAL_AUTH: {
    '401': errorResponse('AUTH_REQUIRED: no X-Internal-API-Key and no Bearer token; TOKEN_INVALID/TOKEN_EXPIRED'),
    '403': errorResponse('FORBIDDEN: a wrong key, or a token without the internal_service role (users and superadmins included)'),
  },
  NOT_FOUND: { '404': errorResponse('NOT_FOUND: no such user') },
  RATE_LIMITED: { '429': errorResponse('RATE_LIMITED, with Retry-After') },
};

function ok(schema: z.ZodType, description = 'OK') {
  return { '200': { description, content: { 'application/json': { schema: schemaOf(schema, 'output') } } } };
}

function body(schema: z.ZodType) {
  return { required: true, content: { 'application/json': { schema: schemaOf(schema, 'input') } } };
}

const userIdParameter = { name: 'user_id', in: 'path', required: true, schema: schemaOf(userIdParam.shape.user_id, 'input') };
const INTERNAL = [{ internalApiKey: [] }, { serviceAccount: [] }];
const USER = [{ bearer: [] }, { session: [] }];

/** The description; built on each call (cheap), so it always reflects the schemas of this build. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mozaiks Core API',
      version: RUNTIME_VERSION,
      description: 'The Director, the core Identity and Billing APIs platform services call, and the payment proxy. Errors are `{detail, error_code}`.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A local access token (POST /api/auth/token) or a Keycloak access token' },
        session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'The browser session' },
        serviceAccount: { type: 'http', scheme: 'bearer', description: 'A Keycloak service-account token holding the internal_service role' },
        internalApiKey: { type: 'apiKey', in: 'header', name: 'X-Internal-API-Key', description: 'INTERNAL_API_KEY' },
      },
      schemas: { Error: schemaOf(errorBody, 'output') },
    },
    paths: {
      '/api/execute/{plugin}': {
        post: {
          tags: ['Director'],
          summary: 'Run a plugin action',
          description: "Runs `action` of the plugin with the rest of the body as its input (checked by the action's schema). A plugin's `{error, error_code}` result becomes a 4xx.",
          security: USER,
          parameters: [{ name: 'plugin', in: 'path', required: true, schema: schemaOf(pluginName, 'input') }],
          requestBody: body(z.looseObject({ action: z.string().describe('The action to run; the other fields are its input') })),
          responses: {
            ...ok(z.unknown(), "The action's result"),
            '400': errorResponse('INVALID_JSON, UNKNOWN_ACTION, or a code the plugin chose'),
            ...ERRORS.USER_AUTH,
            '403': errorResponse('FORBIDDEN or FEATURE_GATED: the role, plan or an entitlement does not allow it'),
            '404': errorResponse('NOT_FOUND: no such plugin, or it is disabled'),
            ...ERRORS.VALIDATION,
            '429': errorResponse('RATE_LIMITED or LIMIT_EXCEEDED'),
            '500': errorResponse('PLUGIN_ERROR: the plugin threw'),
            '504': errorResponse('PLUGIN_TIMEOUT'),
          },
        },
      },
      '/api/identity/users/{user_id}': {
        get: { tags: ['Identity'], summary: 'A user of this app', security: INTERNAL, parameters: [userIdParameter], responses: { ...ok(identityUserSchema), ...ERRORS.INTERNAL_AUTH, ...ERRORS.NOT_FOUND } },
      },
      '/api/identity/users/{user_id}/roles': {
        get: { tags: ['Identity'], summary: "A user's roles", security: INTERNAL, parameters: [userIdParameter], responses: { ...ok(userRolesSchema), ...ERRORS.INTERNAL_AUTH, ...ERRORS.NOT_FOUND } },
        put: {
          tags: ['Identity'],
          summary: "Replace a user's roles",
          description: 'Takes effect at once on every instance, and is recorded in the admin audit log.',
          security: INTERNAL,
          parameters: [userIdParameter],
          requestBody: body(updateRolesInput),
          responses: {
            ...ok(userRolesSchema),
            ...ERRORS.INVALID_JSON,
            ...ERRORS.INTERNAL_AUTH,
            ...ERRORS.NOT_FOUND,
            '409': errorResponse('ROLES_MANAGED_EXTERNALLY: the account signs in through Keycloak, whose tokens carry its roles'),
            ...ERRORS.VALIDATION,
          },
        },
      },
      '/api/identity/check-permission': {
        post: {
          tags: ['Identity'],
          summary: 'Whether a user holds a permission',
          description: 'Permissions: `superadmin`, `role:<role>`, `plugin:<plugin>` (roles, plan and enabled state). `reason` says why.',
          security: INTERNAL,
          requestBody: body(checkPermissionInput),
          responses: { ...ok(permissionCheckSchema), ...ERRORS.INVALID_JSON, ...ERRORS.INTERNAL_AUTH, ...ERRORS.VALIDATION },
        },
      },
      '/api/billing/subscription-status/{user_id}': {
        get: { tags: ['Billing'], summary: "A user's plan and whether it is in force", security: INTERNAL, parameters: [userIdParameter], responses: { ...ok(subscriptionStatusSchema), ...ERRORS.INTERNAL_AUTH, ...ERRORS.NOT_FOUND } },
      },
      '/api/billing/feature-access': {
        post: {
          tags: ['Billing'],
          summary: 'Whether a user may use a plugin, or one of its features',
          security: INTERNAL,
          requestBody: body(featureAccessInput),
          responses: { ...ok(featureAccessSchema), ...ERRORS.INVALID_JSON, ...ERRORS.INTERNAL_AUTH, ...ERRORS.VALIDATION },
        },
      },
      '/api/billing/usage/{user_id}': {
        get: { tags: ['Billing'], summary: 'What a user used of each metered plugin limit this period', security: INTERNAL, parameters: [userIdParameter], responses: { ...ok(usageSchema), ...ERRORS.INTERNAL_AUTH, ...ERRORS.NOT_FOUND } },
      },
      '/api/mozaiks/pay/checkout': {
        post: {
          tags: ['Payment'],
          summary: 'Start a checkout through the payment connector',
          security: USER,
          requestBody: body(checkoutRequest),
          responses: {
            ...ok(checkoutResponseSchema),
            '400': errorResponse('INVALID_SCOPE, APP_ID_REQUIRED or INVALID_JSON'),
            ...ERRORS.USER_AUTH,
            '403': errorResponse("FORBIDDEN: appId is not this app's"),
            ...ERRORS.RATE_LIMITED,
            '501': errorResponse('PAYMENTS_UNAVAILABLE (reason self_hosted): the app is not managed by a platform'),
            '503': errorResponse('PAYMENTS_UNAVAILABLE: the gateway failed (`reason` says how)'),
          },
        },
      },
      '/api/mozaiks/pay/subscription-status': {
        get: {
          tags: ['Payment'],
          summary: 'The subscription as the payment connector reports it; a failing gateway is `status: "unavailable"`, not an error',
          security: USER,
          parameters: [
            { name: 'scope', in: 'query', required: false, schema: { type: 'string', enum: ['platform', 'app'], default: 'platform' } },
            { name: 'appId', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: { ...ok(paymentStatusSchema), '400': errorResponse('INVALID_SCOPE or APP_ID_REQUIRED'), ...ERRORS.USER_AUTH, '403': errorResponse("FORBIDDEN: appId is not this app's"), ...ERRORS.RATE_LIMITED },
        },
      },
      '/api/mozaiks/pay/cancel': {
        post: {
          tags: ['Payment'],
          summary: 'Cancel a subscription through the payment connector',
          security: USER,
          requestBody: body(cancelRequest),
          responses: {
            ...ok(okSchema.extend({ unavailableReason: z.string().optional() }), '`{ok: true}`, or `{ok: false, unavailableReason}`'),
            '400': errorResponse('INVALID_SCOPE, APP_ID_REQUIRED or INVALID_JSON'),
            ...ERRORS.USER_AUTH,
            '403': errorResponse("FORBIDDEN: appId is not this app's"),
            ...ERRORS.RATE_LIMITED,
          },
        },
      },
    },
  };
}
