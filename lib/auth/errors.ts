import { ApiError } from '@/lib/errors';

/** Every 401 names the Bearer scheme, so API clients know how to authenticate. */
const BEARER = { 'WWW-Authenticate': 'Bearer' };

export function authRequired(): ApiError {
  return new ApiError('AUTH_REQUIRED', 'Not authenticated', { headers: BEARER });
}

export function tokenExpired(): ApiError {
  return new ApiError('TOKEN_EXPIRED', 'Token has expired', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="expired"' } });
}

export function tokenInvalid(reason = 'Could not validate credentials'): ApiError {
  return new ApiError('TOKEN_INVALID', reason, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
}

export function invalidCredentials(): ApiError {
  return new ApiError('INVALID_CREDENTIALS', 'Incorrect username or password', { headers: BEARER });
}

export function accountLocked(retryAfterSeconds: number): ApiError {
  return new ApiError('ACCOUNT_LOCKED', `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

export function accountDisabled(): ApiError {
  return new ApiError('ACCOUNT_DISABLED', 'This account is disabled', { status: 403 });
}

export function missingScope(scope: string): ApiError {
  return new ApiError('FORBIDDEN', `Missing required scope: ${scope}`, {
    headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"` },
  });
}

export function missingRole(roles: string[]): ApiError {
  return new ApiError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
}
