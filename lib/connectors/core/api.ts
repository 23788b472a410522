/**
 * What the core Identity and Billing routes share: the path parameter they read and the answers that
 * become 404s and 409s. One place, so the routes and the OpenAPI description cannot drift apart.
 */
import { z } from 'zod';
import { ApiError } from '@/lib/errors';

export const userIdParam = z.object({ user_id: z.string().min(1, 'user_id is required').max(200, 'user_id is at most 200 characters') });

export function userNotFound(userId: string): ApiError {
  return new ApiError('NOT_FOUND', `User '${userId}' not found`);
}

export function rolesManagedExternally(): ApiError {
  return new ApiError('ROLES_MANAGED_EXTERNALLY', "This account's roles come from the identity provider (Keycloak); change them there", { status: 409 });
}
