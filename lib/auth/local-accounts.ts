import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';

/** Local-account routes answer 404 when a deployment signs in through Keycloak only (AUTH_LOCAL_ACCOUNTS). */
export function assertLocalAccounts(): void {
  if (!getEnv().auth.localAccounts) throw new ApiError('NOT_FOUND', 'Local accounts are disabled; sign in through the identity provider');
}
