/**
 * Finding 9 of the hardening issue: `npm start` ran the production build with ENV=development unless
 * told otherwise, so 500s carried internal messages, a generated secret was used and the first
 * sign-up became superadmin. A production build now runs as production unless ENV=development is
 * set, and then says so loudly (finding 1's production default is checked here too).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, startServerExpectingFailure, type RunningServer, type ServerMode } from '../support/server';

const PRODUCTION = { ENV: undefined, MOZAIKS_APP_ID: 'prod_app', JWT_SECRET: 'Prod-Secret-0123456789-ABCDEFGHIJKLmnop' };

describe.each<ServerMode>(['custom', 'next-start'])('a production build with ENV unset (%s)', (mode) => {
  it('refuses to start without the production variables, naming each', async () => {
    const { code, output } = await startServerExpectingFailure({ mode, env: { ENV: undefined, MOZAIKS_APP_ID: undefined, JWT_SECRET: undefined } });
    expect(code).toBe(1);
    expect(output).toContain('✖ MOZAIKS_APP_ID: is required when ENV=production');
    expect(output).toContain('✖ JWT_SECRET: is required when ENV=production');
  });
});

describe('a production build with the production variables and ENV unset', () => {
  let server: RunningServer;
  afterAll(async () => {
    await server?.stop();
  });

  it('runs as production: no superadmin for the first sign-up, and it says how to make one', async () => {
    server = await startServer({ env: PRODUCTION });
    const response = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'firstcomer', password: 'firstcomer-password', email: 'first@example.com', full_name: 'First' }),
    });
    const { access_token } = await response.json();
    const me = await (await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${access_token}` } })).json();
    expect(me).toMatchObject({ roles: ['user'], is_superadmin: false });
    expect(server.output()).toContain('npm run admin:create');
    expect(server.output()).not.toContain('ENV=development on a production build');
  });
});

describe('a production build told ENV=development', () => {
  it('says loudly that it must not face the public', async () => {
    const server = await startServer({ env: { ENV: 'development' } });
    try {
      expect(server.output()).toContain('ENV=development on a production build');
    } finally {
      await server.stop();
    }
  });
});
