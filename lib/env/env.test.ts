import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '@/tests/support/config-dir';
import { EnvError, loadEnv, parseEnv } from '.';

const STRONG_SECRET = 'Zq3v8LmN2pR5tW9yB4cF7hJ1kD6gS0xA';

function problemsOf(source: Record<string, string>): Record<string, string> {
  try {
    parseEnv(source, '/srv/app');
  } catch (error) {
    if (error instanceof EnvError) return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
    throw error;
  }
  throw new Error('expected an EnvError');
}

describe('parseEnv', () => {
  it('gives a zero-setup development environment with documented defaults', () => {
    const env = parseEnv({}, '/srv/app');
    expect(env).toMatchObject({
      env: 'development',
      isProduction: false,
      port: 3000,
      appId: 'dev_app',
      appTier: 'free',
      databaseUri: undefined,
      monetization: false,
      connectors: { managedRequested: false, gateway: undefined },
      internalApiKey: undefined,
      configsPath: '/srv/app/config',
      dataDir: '/srv/app/.data',
      shutdownTimeoutMs: 10_000,
      databaseTimeoutMs: 5_000,
      jwtSecret: undefined,
    });
  });

  it('reads every variable it documents', () => {
    const env = parseEnv(
      {
        ENV: 'test',
        PORT: '8080',
        MOZAIKS_APP_ID: 'acme.crm',
        APP_TIER: 'pro',
        DATABASE_URI: 'mongodb+srv://user:pw@cluster.example.net/app',
        JWT_SECRET: 'anything-goes-outside-production',
        MONETIZATION: '1',
        MOZAIKS_MANAGED: 'true',
        MOZAIKS_GATEWAY_BASE_URL: 'https://gateway.example.com/',
        MOZAIKS_GATEWAY_API_KEY: 'app-key',
        MOZAIKS_GATEWAY_TIMEOUT_MS: '3000',
        MOZAIKS_GATEWAY_RETRIES: '1',
        INTERNAL_API_KEY: 'internal-key-of-24-characters',
        MOZAIKS_CONFIGS_PATH: '/etc/mozaiks',
        MOZAIKS_DATA_DIR: 'var/data',
        MOZAIKS_SHUTDOWN_TIMEOUT_MS: '2500',
        LOG_LEVEL: 'debug',
      },
      '/srv/app',
    );
    expect(env).toMatchObject({
      env: 'test',
      port: 8080,
      appId: 'acme.crm',
      appTier: 'pro',
      databaseUri: 'mongodb+srv://user:pw@cluster.example.net/app',
      jwtSecret: 'anything-goes-outside-production',
      monetization: true,
      connectors: { managedRequested: true, gateway: { baseUrl: 'https://gateway.example.com', apiKey: 'app-key', timeoutMs: 3000, retries: 1 } },
      internalApiKey: 'internal-key-of-24-characters',
      configsPath: '/etc/mozaiks',
      dataDir: '/srv/app/var/data',
      shutdownTimeoutMs: 2500,
    });
  });

  it('accepts ENVIRONMENT as the original alias of ENV', () => {
    expect(parseEnv({ ENVIRONMENT: 'test' }).env).toBe('test');
  });

  it('names each bad variable and says what is wrong', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      MONETIZATION: 'maybe',
      DATABASE_URI: 'postgres://db/app',
      MOZAIKS_APP_ID: 'has spaces',
      ENV: 'staging',
      MOZAIKS_SHUTDOWN_TIMEOUT_MS: 'soon',
      LOG_LEVEL: 'verbose',
    });
    expect(problems.PORT).toMatch(/whole number between 1 and 65535/);
    expect(problems.MONETIZATION).toMatch(/expected 1\/0 or true\/false, got "maybe"/);
    expect(problems.DATABASE_URI).toMatch(/MongoDB connection string/);
    expect(problems.MOZAIKS_APP_ID).toMatch(/letters, digits/);
    expect(problems.ENV).toBeDefined();
    expect(problems.MOZAIKS_SHUTDOWN_TIMEOUT_MS).toBe('must be a number of milliseconds');
    expect(problems.LOG_LEVEL).toBeDefined();
  });

  it('rejects out-of-range ports', () => {
    expect(problemsOf({ PORT: '70000' }).PORT).toMatch(/between 1 and 65535/);
    expect(problemsOf({ PORT: '0' }).PORT).toMatch(/between 1 and 65535/);
  });

  it('requires MOZAIKS_APP_ID and a JWT_SECRET in production', () => {
    const problems = problemsOf({ ENV: 'production' });
    expect(problems.MOZAIKS_APP_ID).toBe('is required when ENV=production');
    expect(problems.JWT_SECRET).toMatch(/is required when ENV=production/);
  });

  it('refuses weak or placeholder secrets in production', () => {
    expect(problemsOf({ ENV: 'production', MOZAIKS_APP_ID: 'a', JWT_SECRET: 'short' }).JWT_SECRET).toMatch(/at least 32 characters/);
    expect(problemsOf({ ENV: 'production', MOZAIKS_APP_ID: 'a', JWT_SECRET: 'a'.repeat(40) }).JWT_SECRET).toMatch(/mix lower-case/);
    expect(problemsOf({ ENV: 'production', MOZAIKS_APP_ID: 'a', JWT_SECRET: 'ChangeMe-Please-1234567890abcdefgh' }).JWT_SECRET).toMatch(/placeholder/);
  });

  it('accepts a strong production setup', () => {
    expect(parseEnv({ ENV: 'production', MOZAIKS_APP_ID: 'acme', JWT_SECRET: STRONG_SECRET }).isProduction).toBe(true);
  });
});

describe('loadEnv', () => {
  it('generates a development secret once, keeps it private, and reuses it on the next start', () => {
    const cwd = makeTempDir();
    const first = loadEnv({}, cwd);
    const file = path.join(cwd, '.data', 'jwt-secret');
    expect(first.jwtSecretSource).toBe('generated');
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(48);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadEnv({}, cwd).jwtSecret).toBe(first.jwtSecret);
  });

  it('uses JWT_SECRET when set and writes nothing', () => {
    const cwd = makeTempDir();
    const env = loadEnv({ JWT_SECRET: STRONG_SECRET }, cwd);
    expect(env).toMatchObject({ jwtSecret: STRONG_SECRET, jwtSecretSource: 'env' });
    expect(existsSync(path.join(cwd, '.data'))).toBe(false);
  });
});
