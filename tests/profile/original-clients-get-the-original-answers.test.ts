/**
 * Regressions from comparing the profile routes with the original runtime (issue #21): a theme change
 * without a name answered 422 where the original answers 400 "Theme name is required", and the
 * profile lacked the users-document fields the original answered with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'original_profile_app' } });
  await registerAccount(server.url); // the app's first account (its superadmin)
}, 60_000);
afterAll(async () => server?.stop());

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('answers the original clients rely on', () => {
  it('POST /api/change-theme without a theme name answers 400 "Theme name is required", not 422', async () => {
    const ada = await registerAccount(server.url);
    for (const body of [{}, { theme_name: '' }, { theme_name: '   ' }, { theme_name: null }]) {
      const response = await fetch(`${server.url}/api/change-theme`, {
        method: 'POST',
        headers: { ...ada.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json(), JSON.stringify(body)).toEqual({ detail: 'Theme name is required', error_code: 'BAD_REQUEST' });
    }
    const current = await fetch(`${server.url}/api/current-theme`, { headers: ada.headers });
    expect(await current.json()).toEqual({ theme: 'light' });
  });

  it("GET /api/user-profile carries the original users document's fields under its names", async () => {
    const bob = await registerAccount(server.url);
    const signIn = await fetch(`${server.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: bob.username, password: `${bob.username}-password` }),
    });
    expect(signIn.status).toBe(200);

    const profile = await (await fetch(`${server.url}/api/user-profile`, { headers: bob.headers })).json();
    expect(profile).toMatchObject({
      _id: bob.user_id,
      user_id: bob.user_id,
      username: bob.username,
      email: `${bob.username}@example.com`,
      full_name: `Test ${bob.username}`,
      roles: ['user'],
      disabled: false,
      external_user_id: null,
      created_at: expect.stringMatching(ISO_DATE),
      updated_at: expect.stringMatching(ISO_DATE),
      last_login: expect.stringMatching(ISO_DATE),
    });
    expect(profile).not.toHaveProperty('hashed_password');
  });
});
