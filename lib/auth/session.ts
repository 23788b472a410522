/**
 * Browser sessions with Auth.js (next-auth 5): local accounts through a credentials form, Keycloak
 * through OpenID Connect when configured. Sessions are encrypted JWT cookies; the users collection
 * stays the source of truth for who a session belongs to (see identityFromSession).
 */
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import Keycloak from 'next-auth/providers/keycloak';
import { getEnv } from '@/lib/env';
import { clientAddress } from '@/lib/http/client-address';
import { ApiError } from '@/lib/errors';
import { logger } from '@/lib/runtime/logger';
import { freshKeycloakTokens, keycloakProfile } from './keycloak-session';
import { sessionSecret, type SessionToken } from './session-token';
import { signInWithPassword } from './accounts';
import { provisionExternalUser } from './users';

/** How long a browser stays signed in without activity. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** Why a password sign-in failed, as the sign-in page tells it; `code` reaches the page, never a stack. */
export class SignInFailed extends CredentialsSignin {
  constructor(code: string, readonly detail: string) {
    super(detail);
    this.code = code;
  }
}


function buildConfig(): NextAuthConfig {
  const env = getEnv();
  const keycloak = env.auth.keycloak;
  const providers: NextAuthConfig['providers'] = [];
  if (env.auth.localAccounts) {
    providers.push(
      Credentials({
        id: 'credentials',
        name: 'Username and password',
        credentials: { username: { label: 'Username' }, password: { label: 'Password', type: 'password' } },
        authorize: async (credentials, request) => {
          const username = typeof credentials.username === 'string' ? credentials.username : '';
          const password = typeof credentials.password === 'string' ? credentials.password : '';
          if (!username || !password) throw new SignInFailed('missing', 'Enter your username and password.');
          try {
            const user = await signInWithPassword({ username, password, address: clientAddress(request) });
            return { id: user._id, name: user.full_name ?? user.username, email: user.email ?? null };
          } catch (error) {
            if (error instanceof ApiError) throw new SignInFailed(error.errorCode, error.detail);
            throw error;
          }
        },
      }),
    );
  }
  if (keycloak) {
    providers.push(Keycloak({ clientId: keycloak.clientId, clientSecret: keycloak.clientSecret, issuer: keycloak.issuer }));
  }

  return {
    secret: sessionSecret(env),
    trustHost: true,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers,
    logger: {
      // A wrong password is an expected outcome, not an error worth a warning.
      error: (error) =>
        error instanceof CredentialsSignin ? logger.debug('sign-in refused', { code: error.code }) : logger.warn('auth', { error: error.message }),
      warn: (code) => logger.debug('auth warning', { code }),
      debug: () => {},
    },
    callbacks: {
      async jwt({ token, user, account }): Promise<SessionToken> {
        const session = token as SessionToken;
        if (account?.provider === 'credentials' && user?.id) {
          return { ...session, user_id: user.id, provider: 'local' };
        }
        if (account?.provider === 'keycloak' && account.access_token) {
          const profile = keycloakProfile(account.access_token, env);
          const provisioned = await provisionExternalUser(env.appId, profile);
          return {
            ...session,
            user_id: provisioned._id,
            provider: 'keycloak',
            roles: profile.roles,
            keycloak: {
              access_token: account.access_token,
              refresh_token: account.refresh_token ?? '',
              id_token: account.id_token ?? '',
              expires_at: account.expires_at ?? Math.floor(Date.now() / 1000) + 60,
            },
          };
        }
        if (session.provider === 'keycloak' && session.keycloak) {
          const fresh = await freshKeycloakTokens(session.keycloak, env);
          if (!fresh) return { ...session, error: 'refresh_failed' };
          return { ...session, keycloak: fresh, roles: keycloakProfile(fresh.access_token, env).roles };
        }
        return session;
      },
      session({ session, token }) {
        const data = token as SessionToken;
        // Only what the browser may see: never the provider's tokens.
        return { ...session, user: { ...session.user, id: data.user_id ?? '' }, error: data.error };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

export { readSessionToken } from './session-token';
