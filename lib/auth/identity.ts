/**
 * The server-side identity every route, page, socket and plugin receives. It is derived only from a
 * verified token or session and the users collection, never from anything the client sends in a
 * body, query or header.
 */
export interface Identity {
  app_id: string;
  user_id: string;
  username: string;
  email: string | null;
  roles: string[];
  is_superadmin: boolean;
  /** The raw bearer token, for plugins that call other services on the user's behalf. */
  user_jwt: string | null;
  /** How the identity was established. */
  auth_method: 'local' | 'keycloak' | 'anonymous' | 'admin_key' | 'internal_key';
}

/** With AUTH_ENABLED=false (development only), every request is this user. */
export const ANONYMOUS_USER_ID = 'anonymous';

export function isSuperadmin(roles: string[], superadminRoles: string[]): boolean {
  return roles.some((role) => superadminRoles.includes(role.toLowerCase()));
}
