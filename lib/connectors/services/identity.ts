/**
 * Identity: who a user is, their roles, and whether they hold a permission. The schemas here are the
 * core Identity API's (GET /api/identity/users/{id}, GET|PUT …/roles, POST /api/identity/check-permission):
 * this app serves them to the platform, and a managed app's connector reads the gateway's answers with them.
 */
import { z } from 'zod';
import { pluginName } from '@/lib/plugins/manifest';
import type { ConnectorBinding } from '../binding';
import type { GatewayClient } from '../client';
import { reasonFor, type Availability, type UnavailableReason } from '../results';

export const roleName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'must be 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit');

export const identityUserSchema = z.looseObject({
  user_id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  full_name: z.string().nullable(),
  roles: z.array(z.string()),
  is_superadmin: z.boolean(),
  disabled: z.boolean(),
  auth_provider: z.string(),
  created_at: z.string().nullable(),
});
export type IdentityUser = z.output<typeof identityUserSchema>;

export const userRolesSchema = z.looseObject({ user_id: z.string(), roles: z.array(z.string()) });
export type UserRoles = z.output<typeof userRolesSchema>;

export const updateRolesInput = z.object({ roles: z.array(roleName, { error: 'roles must be an array of role names' }).max(50, 'at most 50 roles') });

/**
 * A permission, in one of three forms: `plugin:<name>` (may use the plugin: its roles, the plan, its
 * enabled state), `role:<name>` (holds the role), `superadmin`.
 */
export const permission = z
  .string({ error: 'permission is required' })
  .refine(
    (value) =>
      value === 'superadmin' ||
      /^role:[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(value) ||
      (value.startsWith('plugin:') && pluginName.safeParse(value.slice('plugin:'.length)).success),
    'permission must be "superadmin", "role:<role>" or "plugin:<plugin name>"',
  );

export const checkPermissionInput = z.object({
  user_id: z.string({ error: 'user_id is required' }).min(1, 'user_id is required').max(200),
  permission,
});

export const PERMISSION_REASONS = [
  'user_not_found',
  'user_disabled',
  'is_superadmin',
  'not_superadmin',
  'has_role',
  'missing_role',
  'plugin_allowed',
  'plugin_not_allowed',
  'unknown_plugin',
] as const;

export const permissionCheckSchema = z.looseObject({
  user_id: z.string(),
  permission: z.string(),
  allowed: z.boolean(),
  reason: z.string(),
});
export type PermissionCheck = z.output<typeof permissionCheckSchema>;

export type RolesUpdateRefusal = UnavailableReason | 'not_found' | 'managed_externally';

export interface IdentityConnector {
  /** The user, or `user: null` when there is none. */
  getUser(userId: string): Promise<Availability<{ user: IdentityUser | null }>>;
  /** The user's roles, or `roles: null` when there is no such user. */
  getRoles(userId: string): Promise<Availability<{ roles: string[] | null }>>;
  /** Replaces the user's roles. Not retried after a lost answer: the gateway may have applied it. */
  updateRoles(userId: string, roles: string[]): Promise<{ ok: true; roles: string[] } | { ok: false; reason: RolesUpdateRefusal }>;
  /** Fails closed: `allowed: false` whenever the answer is unknown (the reason says why). */
  checkPermission(input: z.input<typeof checkPermissionInput>): Promise<PermissionCheck>;
}

const path = (userId: string) => `/api/identity/users/${encodeURIComponent(userId)}`;

export function managedIdentity(client: GatewayClient, { caller }: ConnectorBinding): IdentityConnector {
  return {
    async getUser(userId) {
      const result = await client.request({ method: 'GET', path: path(userId), idempotent: true, schema: identityUserSchema }, caller);
      if (result.ok) return { available: true, user: result.data };
      if (result.failure.kind === 'status' && result.failure.status === 404) return { available: true, user: null };
      return { available: false, reason: reasonFor(result.failure) };
    },
    async getRoles(userId) {
      const result = await client.request({ method: 'GET', path: `${path(userId)}/roles`, idempotent: true, schema: userRolesSchema }, caller);
      if (result.ok) return { available: true, roles: result.data.roles };
      if (result.failure.kind === 'status' && result.failure.status === 404) return { available: true, roles: null };
      return { available: false, reason: reasonFor(result.failure) };
    },
    async updateRoles(userId, roles) {
      const body = updateRolesInput.parse({ roles });
      const result = await client.request({ method: 'PUT', path: `${path(userId)}/roles`, body, idempotent: false, schema: userRolesSchema }, caller);
      if (result.ok) return { ok: true, roles: result.data.roles };
      if (result.failure.kind === 'status' && result.failure.status === 404) return { ok: false, reason: 'not_found' };
      if (result.failure.kind === 'status' && result.failure.status === 409) return { ok: false, reason: 'managed_externally' };
      return { ok: false, reason: reasonFor(result.failure) };
    },
    async checkPermission(input) {
      const body = checkPermissionInput.parse(input);
      const result = await client.request({ method: 'POST', path: '/api/identity/check-permission', body, idempotent: true, schema: permissionCheckSchema }, caller);
      if (result.ok) return result.data;
      return { user_id: body.user_id, permission: body.permission, allowed: false, reason: reasonFor(result.failure) };
    },
  };
}
