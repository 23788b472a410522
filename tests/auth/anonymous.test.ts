/** AUTH_ENABLED=false: everyone is the documented anonymous user in development; production refuses it. */
import { describe, expect, it } from 'vitest';
import { visibleText } from '../support/html';
import { startServer, startServerExpectingFailure } from '../support/server';

describe('AUTH_ENABLED=false', () => {
  it('makes every request the anonymous user in development', async () => {
    const server = await startServer({ env: { AUTH_ENABLED: 'false' } });
    try {
      const validation = await fetch(`${server.url}/api/auth/validate-token`);
      expect(await validation.json()).toEqual({ valid: true, user_id: 'anonymous', username: 'anonymous' });
      const page = await fetch(`${server.url}/`, { redirect: 'manual' });
      expect(page.status).toBe(200);
      expect(visibleText(await page.text())).toContain('Welcome to Mozaiks');
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('is refused when ENV=production', async () => {
    const { code, output } = await startServerExpectingFailure({
      env: { ENV: 'production', AUTH_ENABLED: 'false', MOZAIKS_APP_ID: 'prod_app', JWT_SECRET: 'Prod-Secret-0123456789-ABCDEFGHIJKLmnop' },
    });
    expect(code).toBe(1);
    expect(output).toContain('✖ AUTH_ENABLED: cannot be false when ENV=production');
  });
});
