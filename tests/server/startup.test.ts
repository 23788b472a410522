import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeConfigDir } from '../support/config-dir';
import { freePort, startServer, startServerExpectingFailure } from '../support/server';

describe('start-up validation', () => {
  it.each(['custom', 'next-start'] as const)('refuses an invalid config file, naming file and JSON path (%s)', async (mode) => {
    const dir = makeConfigDir({
      'theme_config.json': { available_themes: [{ id: 'light', name: 'Light', colors: { accent: 12 } }] },
    });
    const { code, output } = await startServerExpectingFailure({ mode, env: { MOZAIKS_CONFIGS_PATH: dir } });
    expect(code).toBe(1);
    expect(output).toContain('Mozaiks Core cannot start: configuration is invalid.');
    expect(output).toContain(`${dir}/theme_config.json`);
    expect(output).toMatch(/✖ \$\.available_themes\[0\]\.colors\.accent: /);
  });

  it('names each invalid environment variable', async () => {
    const { code, output } = await startServerExpectingFailure({ env: { MONETIZATION: 'perhaps', DATABASE_URI: 'mysql://db' } });
    expect(code).toBe(1);
    expect(output).toContain('Mozaiks Core cannot start: the environment is invalid.');
    expect(output).toContain('✖ MONETIZATION: expected 1/0 or true/false, got "perhaps"');
    expect(output).toMatch(/✖ DATABASE_URI: must be a MongoDB connection string/);
  });

  it('requires an app id and a strong secret in production', async () => {
    const { code, output } = await startServerExpectingFailure({ env: { ENV: 'production', MOZAIKS_APP_ID: undefined, JWT_SECRET: 'secret' } });
    expect(code).toBe(1);
    expect(output).toContain('✖ MOZAIKS_APP_ID: is required when ENV=production');
    expect(output).toMatch(/✖ JWT_SECRET: must be at least 32 characters/);
  });

  it('starts with documented defaults when optional files are missing', async () => {
    const dir = makeConfigDir({ 'theme_config.json': null, 'navigation_config.json': null });
    const server = await startServer({ env: { MOZAIKS_CONFIGS_PATH: dir } });
    try {
      const theme = await (await fetch(`${server.url}/api/theme-config`)).json();
      expect(theme.branding.app_name).toBe('Mozaiks');
      expect(theme.default_theme).toBe('light');
    } finally {
      await server.stop();
    }
  });

  it('explains a port that is already taken', async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const { code, output } = await startServerExpectingFailure({ port });
      expect(code).toBe(1);
      expect(output).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});
