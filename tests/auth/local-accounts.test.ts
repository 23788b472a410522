/**
 * Local accounts over the original's v1 routes, against the production server: sign-up, password
 * tokens, the profile, clear errors for bad input, and lock-out after repeated failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
  // The spec plays several clients through X-Forwarded-For, as a proxy on this host would report them.
  server = await startServer({ env: { MOZAIKS_APP_ID: 'local_app', TRUST_PROXY: 'loopback' } });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const register = (body: unknown) =>
  fetch(`${server.url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/auth/token`, { method: 'POST', body: new URLSearchParams(form), headers });
const person = (name: string) => ({ username: name, password: `${name}-password-1`, email: `${name}@example.com`, full_name: name.toUpperCase() });

describe('local accounts', () => {
  it('signs up, makes the first account superadmin, and returns a working token', async () => {
    const response = await register(person('Founder'));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ token_type: 'bearer', username: 'founder', user_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(await me.json()).toEqual({
      user_id: body.user_id,
      username: 'founder',
      email: 'founder@example.com',
      full_name: 'FOUNDER',
      roles: ['user', 'superadmin'],
      is_superadmin: true,
    });
    const second = await (await register(person('member'))).json();
    const secondMe = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${second.access_token}` } });
    expect(await secondMe.json()).toMatchObject({ roles: ['user'], is_superadmin: false });
  });

  it('ignores roles, user and app ids forged in the sign-up body', async () => {
    const forged = await register({ ...person('mallory'), roles: ['superadmin'], user_id: 'admin', app_id: 'other_app', is_superadmin: true });
    const { access_token, user_id } = await forged.json();
    expect(user_id).not.toBe('admin');
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(await me.json()).toMatchObject({ username: 'mallory', roles: ['user'], is_superadmin: false });
  });

  it('refuses taken usernames (case-insensitively) and emails with the original messages', async () => {
    await register(person('grace'));
    const sameName = await register({ ...person('GRACE'), email: 'other@example.com' });
    expect(sameName.status).toBe(400);
    expect(await sameName.json()).toEqual({ detail: 'Username already registered', error_code: 'USERNAME_TAKEN' });
    const sameEmail = await register({ ...person('hopper'), email: 'grace@example.com' });
    expect(await sameEmail.json()).toEqual({ detail: 'Email already registered', error_code: 'EMAIL_TAKEN' });
  });

  it('explains invalid sign-up input, field by field', async () => {
    const response = await register({ username: 'x', password: 'short', email: 'not-an-email' });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error_code).toBe('VALIDATION_ERROR');
    expect(body.errors.map((error: { path: string }) => error.path)).toEqual(['$.username', '$.password', '$.email', '$.full_name']);
    expect((await register('not json' as never)).status).toBe(400);
    const malformed = await fetch(`${server.url}/api/auth/register`, { method: 'POST', body: '{"username":' });
    expect(await malformed.json()).toEqual({ detail: 'Invalid JSON payload', error_code: 'INVALID_JSON' });
  });

  it('issues a token for the right password and validates it', async () => {
    await register(person('linus'));
    const response = await token({ username: 'Linus', password: 'linus-password-1' });
    expect(response.status).toBe(200);
    const { access_token, username } = await response.json();
    expect(username).toBe('linus');
    const validation = await fetch(`${server.url}/api/auth/validate-token`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(await validation.json()).toMatchObject({ valid: true, username: 'linus' });
  });

  it('answers a wrong password and an unknown user alike', async () => {
    await register(person('margaret'));
    const wrong = await token({ username: 'margaret', password: 'nope-nope-nope' });
    const unknown = await token({ username: 'nobody-here', password: 'nope-nope-nope' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({ detail: 'Incorrect username or password', error_code: 'INVALID_CREDENTIALS' });
    }
  });

  it('locks an account after five failures in a row, even for the right password', async () => {
    await register(person('barbara'));
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await token({ username: 'barbara', password: `wrong-${attempt}` })).status).toBe(401);
    }
    const fifth = await token({ username: 'barbara', password: 'wrong-5' });
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBe('900');
    expect((await fifth.json()).error_code).toBe('ACCOUNT_LOCKED');
    const rightPassword = await token({ username: 'barbara', password: 'barbara-password-1' });
    expect(rightPassword.status).toBe(429);
    expect(await rightPassword.json()).toMatchObject({ error_code: 'ACCOUNT_LOCKED', detail: expect.stringMatching(/Try again in 15 minute/) });
  });

  it('a correct password resets the failure count', async () => {
    await register(person('katherine'));
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 0; attempt < 4; attempt += 1) await token({ username: 'katherine', password: 'wrong-password' });
      expect((await token({ username: 'katherine', password: 'katherine-password-1' })).status).toBe(200);
    }
  });

  it('rate-limits one address trying many usernames', async () => {
    const address = { 'x-forwarded-for': '203.0.113.9' };
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 32; attempt += 1) {
      statuses.push((await token({ username: `spray-${attempt}`, password: 'guess-guess' }, address)).status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it('wants the token request as a form', async () => {
    const json = await fetch(`${server.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'linus', password: 'linus-password-1' }),
    });
    expect(json.status).toBe(415);
    expect((await json.json()).error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const missing = await token({ username: 'linus' });
    expect(missing.status).toBe(422);
  });
});

describe('local accounts switched off', () => {
  it('answers 404 on the local routes when AUTH_LOCAL_ACCOUNTS=false', async () => {
    const keycloakOnly = await startServer({ env: { AUTH_LOCAL_ACCOUNTS: 'false' } });
    try {
      const response = await fetch(`${keycloakOnly.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(person('nobody')),
      });
      expect(response.status).toBe(404);
      expect((await response.json()).detail).toMatch(/Local accounts are disabled/);
    } finally {
      await keycloakOnly.stop();
    }
  }, 60_000);
});
