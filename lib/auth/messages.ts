import { LOCKOUT_SECONDS } from './login-guard';

/** What each sign-in failure tells the person at the form, by error code. */
export const SIGN_IN_MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: 'That username and password do not match. Check them and try again.',
  ACCOUNT_LOCKED: `Too many failed attempts. This account is locked for ${LOCKOUT_SECONDS / 60} minutes.`,
  RATE_LIMITED: 'Too many sign-in attempts from this network. Wait a minute and try again.',
  ACCOUNT_DISABLED: 'This account is disabled. Contact the app administrator.',
  missing: 'Enter your username and password.',
};

export const GENERIC_SIGN_IN_FAILURE = 'Sign-in did not complete. Try again.';
