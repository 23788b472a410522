/**
 * Bearer tokens under attack, against the production server: every forged, expired, misdirected or
 * tampered token is refused with 401 (403 for a missing scope), and nothing the client sends besides
 * a valid token reaches the identity.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../support/jwks-server';
import { startServer, type RunningServer } from '../support/server';

const AUDIENCE = 'mozaiks-api';
const SECRET = 'Test-Secret-For-Local-Tokens-0123456789abcdef';
let issuer: TestIssuer;
let server: RunningServer;

beforeAll(async () => {
  issuer = await startTestIssuer({ audience: AUDIENCE });
  server = await startServer({
    env: {
      MOZAIKS_APP_ID: 'attack_app',
      JWT_SECRET: SECRET,
      KEYCLOAK_ISSUER: issuer.issuer,
      KEYCLOAK_CLIENT_ID: AUDIENCE,
      KEYCLOAK_CLIENT_SECRET: 'unused-here',
      AUTH_LOCAL_ACCOUNTS: 'true',
      AUTH_CLOCK_SKEW_SECONDS: '0',
    },
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await issuer?.close();
});

const me = (headers: Record<string, string> = {}, query = '') => fetch(`${server.url}/api/auth/me${query}`, { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const aliceClaims = { sub: 'kc-alice', preferred_username: 'alice', email: 'alice@example.com', name: 'Alice', realm_access: { roles: ['user'] } };

async function expectRefused(response: Response, code: string, status = 401): Promise<void> {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error_code).toBe(code);
  if (status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
}

describe('Bearer tokens', () => {
  it('accepts a valid Keycloak access token and provisions the user just in time', async () => {
    const response = await me(bearer(await issuer.sign(aliceClaims)));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ username: 'alice', email: 'alice@example.com', full_name: 'Alice', roles: ['user'], is_superadmin: false });
  });

  it('refuses a request without a token', async () => {
    await expectRefused(await me(), 'AUTH_REQUIRED');
  });

  it('refuses garbage and malformed headers', async () => {
    await expectRefused(await me(bearer('garbage')), 'TOKEN_INVALID');
    await expectRefused(await me(bearer('a.b.c')), 'TOKEN_INVALID');
    await expectRefused(await me({ authorization: 'Token abc' }), 'TOKEN_INVALID');
  });

  it('refuses alg "none"', async () => {
    const unsigned = new UnsecuredJWT({ ...aliceClaims, realm_access: { roles: ['superadmin'] } })
      .setIssuer(issuer.issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .encode();
    await expectRefused(await me(bearer(unsigned)), 'TOKEN_INVALID');
  });

  it('refuses an HS256 token signed with the realm public key', async () => {
    const pem = await issuer.publicKeyPem();
    const confused = await new SignJWT({ ...aliceClaims, user_id: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer.issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(pem));
    await expectRefused(await me(bearer(confused)), 'TOKEN_INVALID');
  });

  it('refuses a token signed by a key the realm does not publish (unknown kid, and a known kid with a foreign key)', async () => {
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    await expectRefused(await me(bearer(await issuer.sign(aliceClaims, { kid: 'attacker-key', key: privateKey }))), 'TOKEN_INVALID');
    await expectRefused(await me(bearer(await issuer.sign(aliceClaims, { key: privateKey }))), 'TOKEN_INVALID');
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const expired = await issuer.sign(aliceClaims, { expiresIn: '-1m' });
    await expectRefused(await me(bearer(expired)), 'TOKEN_EXPIRED');
  });

  it('refuses a token from another issuer or for another audience', async () => {
    await expectRefused(await me(bearer(await issuer.sign(aliceClaims, { issuer: 'http://127.0.0.1:1/realms/evil' }))), 'TOKEN_INVALID');
    await expectRefused(await me(bearer(await issuer.sign(aliceClaims, { audience: 'some-other-app' }))), 'TOKEN_INVALID');
  });

  it('refuses a tampered payload, also right after the genuine token was accepted', async () => {
    const genuine = await issuer.sign(aliceClaims);
    const [header, , signature] = genuine.split('.');
    const forged = Buffer.from(JSON.stringify({ ...aliceClaims, realm_access: { roles: ['superadmin'] }, iss: issuer.issuer, aud: AUDIENCE, exp: 9_999_999_999 })).toString('base64url');
    await expectRefused(await me(bearer(`${header}.${forged}.${signature}`)), 'TOKEN_INVALID');
    // The genuine token is now remembered (lib/auth/bearer.ts, keyed by the end of its signature):
    // a token with the same signature and another payload must still be verified, and fail.
    expect((await me(bearer(genuine))).status).toBe(200);
    await expectRefused(await me(bearer(`${header}.${forged}.${signature}`)), 'TOKEN_INVALID');
  });

  it('refuses local tokens signed with another secret, or issued for another app', async () => {
    const register = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bob', password: 'bob-password-1', email: 'bob@example.com', full_name: 'Bob' }),
    });
    const { user_id } = await register.json();
    const local = (secret: string, audience: string) =>
      new SignJWT({ user_id, app_id: audience })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('bob')
        .setIssuer('mozaiks-core')
        .setAudience(audience)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
    expect((await me(bearer(await local(SECRET, 'attack_app')))).status).toBe(200);
    await expectRefused(await me(bearer(await local('Another-Secret-0123456789-abcdefghijkl', 'attack_app'))), 'TOKEN_INVALID');
    await expectRefused(await me(bearer(await local(SECRET, 'other_app'))), 'TOKEN_INVALID');
  });

  it('ignores user, app and roles forged in headers and query', async () => {
    const token = await issuer.sign(aliceClaims);
    const response = await me(
      { ...bearer(token), 'x-user-id': 'admin', 'x-mozaiks-user-id': 'admin', 'x-app-id': 'other', 'x-roles': 'superadmin' },
      '?user_id=admin&app_id=other&roles=superadmin',
    );
    expect(await response.json()).toMatchObject({ username: 'alice', roles: ['user'], is_superadmin: false });
    await expectRefused(await me({ 'x-user-id': 'admin', 'x-roles': 'superadmin' }, '?user_id=admin'), 'AUTH_REQUIRED');
  });

  it('takes the token from ?access_token= where the original allowed it', async () => {
    const response = await fetch(`${server.url}/api/auth/validate-token?access_token=${await issuer.sign(aliceClaims)}`);
    expect(await response.json()).toMatchObject({ valid: true, username: 'alice' });
  });

  it('follows key rotation: a token signed with a newly published key is accepted', async () => {
    const before = issuer.fetches();
    await issuer.rotate();
    const token = await issuer.sign({ ...aliceClaims, sub: 'kc-rotated', preferred_username: 'rotated' });
    // jose refetches the key set for an unknown kid at most every 5 s.
    await new Promise((resolve) => setTimeout(resolve, 5_200));
    const response = await me(bearer(token));
    expect(response.status).toBe(200);
    expect(issuer.fetches()).toBeGreaterThan(before);
  }, 20_000);
});

describe('required scope', () => {
  it('answers 403 when the token lacks AUTH_REQUIRED_SCOPE', async () => {
    const scoped = await startServer({
      env: {
        JWT_SECRET: SECRET,
        KEYCLOAK_ISSUER: issuer.issuer,
        KEYCLOAK_CLIENT_ID: AUDIENCE,
        KEYCLOAK_CLIENT_SECRET: 'unused-here',
        AUTH_REQUIRED_SCOPE: 'access_as_user',
      },
    });
    try {
      const withoutScope = await fetch(`${scoped.url}/api/auth/me`, { headers: bearer(await issuer.sign({ ...aliceClaims, scope: 'openid email' })) });
      expect(withoutScope.status).toBe(403);
      expect(await withoutScope.json()).toMatchObject({ error_code: 'FORBIDDEN', detail: 'Missing required scope: access_as_user' });
      const withScope = await fetch(`${scoped.url}/api/auth/me`, { headers: bearer(await issuer.sign({ ...aliceClaims, scope: 'openid access_as_user' })) });
      expect(withScope.status).toBe(200);
    } finally {
      await scoped.stop();
    }
  }, 60_000);
});
