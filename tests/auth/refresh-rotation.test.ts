/**
 * Refresh-token rotation: a browser whose Keycloak access token has just expired fires many requests
 * at once. The server redeems the refresh token exactly once and every request succeeds.
 */
import { encode } from 'next-auth/jwt';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../support/jwks-server';
import { startServer, type RunningServer } from '../support/server';

const SECRET = 'Refresh-Rotation-Secret-0123456789-abcdef';
const CLIENT = 'mozaiks-app';
let issuer: TestIssuer;
let server: RunningServer;

beforeAll(async () => {
  issuer = await startTestIssuer({ audience: CLIENT });
  server = await startServer({
    env: { JWT_SECRET: SECRET, KEYCLOAK_ISSUER: issuer.issuer, KEYCLOAK_CLIENT_ID: CLIENT, KEYCLOAK_CLIENT_SECRET: 'client-secret' },
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await issuer?.close();
});

/** A session cookie exactly as the server would have written it after a Keycloak sign-in. */
async function sessionCookie(userId: string, expiresAt: number): Promise<string> {
  const cookieName = 'authjs.session-token';
  const value = await encode({
    secret: createHash('sha256').update(`mozaiks-session:${SECRET}`).digest('hex'),
    salt: cookieName,
    token: {
      sub: userId,
      user_id: userId,
      provider: 'keycloak',
      roles: ['user'],
      keycloak: { access_token: await issuer.sign({ sub: 'kc-refresh' }), refresh_token: 'original-refresh', id_token: 'id', expires_at: expiresAt },
    },
  });
  return `${cookieName}=${value}`;
}

describe('Keycloak session refresh', () => {
  it('refreshes once for many concurrent requests at expiry, and none of them gets a 401', async () => {
    // The user exists once they have used the app (here: one Bearer call provisions them).
    const provisioned = await fetch(`${server.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${await issuer.sign({ sub: 'kc-refresh', preferred_username: 'refresher', realm_access: { roles: ['user'] } })}` },
    });
    const { user_id } = await provisioned.json();
    const cookie = await sessionCookie(user_id, Math.floor(Date.now() / 1000) - 5);

    const responses = await Promise.all(Array.from({ length: 25 }, () => fetch(`${server.url}/api/auth/me`, { headers: { cookie } })));
    expect(responses.map((response) => response.status)).toEqual(Array(25).fill(200));
    expect(issuer.refreshes()).toBe(1);
    expect(await responses[0]!.json()).toMatchObject({ username: 'refresher', roles: ['user'] });
  });

  it('does not refresh a token that is still valid', async () => {
    const before = issuer.refreshes();
    const provisioned = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${await issuer.sign({ sub: 'kc-refresh' })}` } });
    const { user_id } = await provisioned.json();
    const cookie = await sessionCookie(user_id, Math.floor(Date.now() / 1000) + 600);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    expect(issuer.refreshes()).toBe(before);
  });
});
