import { describe, expect, it } from 'vitest';
import { makeConfigDir } from '@/tests/support/config-dir';
import { formatDoctorReport, runDoctor } from '.';

describe('runDoctor', () => {
  it('passes the shipped configuration with no warnings', () => {
    const report = runDoctor({ MOZAIKS_CONFIGS_PATH: 'config' });
    expect(report.errorCount).toBe(0);
    expect(report.warnings).toEqual([]);
    expect(formatDoctorReport(report)).toMatch(/All good: the app will start\.$/);
  });

  it('counts env and config errors and names each one', () => {
    const dir = makeConfigDir({ 'theme_config.json': '{ "branding": ' });
    const report = runDoctor({ MOZAIKS_CONFIGS_PATH: dir, PORT: 'abc' });
    expect(report.errorCount).toBe(2);
    const text = formatDoctorReport(report);
    expect(text).toContain('✖ PORT: must be a whole number between 1 and 65535');
    expect(text).toMatch(/✖ .*theme_config\.json \$: not valid JSON/);
    expect(text).toMatch(/2 errors: the app will not start until they are fixed\.$/);
  });

  it('reports missing files as defaults, not errors', () => {
    const dir = makeConfigDir({ 'ai_capabilities.json': null });
    const report = runDoctor({ MOZAIKS_CONFIGS_PATH: dir });
    expect(report.errorCount).toBe(0);
    expect(report.configs).toContainEqual(expect.objectContaining({ level: 'info', message: 'not present; using the documented defaults' }));
  });

  it('warns about unknown icons and unreadable colour pairs without failing', () => {
    const dir = makeConfigDir({
      'navigation_config.json': { default: [{ label: 'Home', path: '/', icon: 'no-such-icon' }] },
      'theme_config.json': { available_themes: [{ id: 'light', name: 'Light', colors: { background: '#ffffff', text_primary: '#dddddd' } }] },
    });
    const report = runDoctor({ MOZAIKS_CONFIGS_PATH: dir });
    expect(report.errorCount).toBe(0);
    expect(report.warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/"no-such-icon" is not a Lucide icon/),
      expect.stringMatching(/contrast of 1\.\d+:1; at least 4\.5:1/),
    ]);
  });

  it('says which mode the platform connectors run in', () => {
    const connectors = (source: Record<string, string>) => runDoctor({ MOZAIKS_CONFIGS_PATH: 'config', ...source }).env.find((check) => check.subject === 'Platform connectors');
    expect(connectors({})).toMatchObject({ level: 'ok', message: expect.stringMatching(/^mock: hosting, discovery.*labelled sample data \(development default/) });
    expect(connectors({ MOZAIKS_CONNECTORS: 'off' })).toMatchObject({ level: 'ok', message: expect.stringMatching(/^self-hosted/) });
    expect(connectors({ ENV: 'production', MOZAIKS_APP_ID: 'acme', JWT_SECRET: 'Zq3v8LmN2pR5tW9yB4cF7hJ1kD6gS0xA', MOZAIKS_CONNECTORS: 'mock' })).toMatchObject({ level: 'ok', message: expect.stringMatching(/\(MOZAIKS_CONNECTORS=mock\)/) });
    expect(connectors({ MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: 'https://gw.example.com' })).toEqual({ level: 'ok', subject: 'Platform connectors', message: 'managed, through the gateway at https://gw.example.com' });
    expect(connectors({ MOZAIKS_HOSTING_MODE: 'hosted' })).toMatchObject({ level: 'warn', message: expect.stringMatching(/MOZAIKS_GATEWAY_BASE_URL is not set/) });
  });

  it('says where the data can live before a serverless or next start deploy', () => {
    const database = (source: Record<string, string>) => runDoctor({ MOZAIKS_CONFIGS_PATH: 'config', ...source }).env.find((check) => check.subject === 'DATABASE_URI');
    expect(database({})).toMatchObject({ level: 'info', message: expect.stringMatching(/^not set; using the embedded store in /) });
    expect(database({ DATABASE_URI: 'mongodb+srv://cluster.example.net/app' })).toEqual({ level: 'ok', subject: 'DATABASE_URI', message: 'MongoDB' });

    const onVercel = runDoctor({ MOZAIKS_CONFIGS_PATH: 'config', VERCEL: '1' });
    expect(onVercel.env.find((check) => check.subject === 'DATABASE_URI')).toMatchObject({ level: 'error', message: expect.stringMatching(/^This is Vercel, a serverless host: .* Set DATABASE_URI to a MongoDB server \(MongoDB Atlas/) });
    expect(onVercel.errorCount).toBe(1);
    // No escape hatch on a serverless host: its files are gone whatever one allows.
    expect(database({ VERCEL: '1', MOZAIKS_EMBEDDED_STORE: 'allow' })).toMatchObject({ level: 'error' });
    expect(database({ AWS_LAMBDA_FUNCTION_NAME: 'app' })).toMatchObject({ level: 'error', message: expect.stringMatching(/^This is AWS Lambda/) });

    const production = { ENV: 'production', MOZAIKS_APP_ID: 'shop', JWT_SECRET: 'Production-Secret-0123456789-abcdefghij' };
    for (const source of [production, { NODE_ENV: 'production', ENV: 'development' }]) {
      const check = database(source);
      expect(check, JSON.stringify(source)).toMatchObject({ level: 'warn', message: expect.stringContaining('refused under plain `next start` in production') });
      expect(check?.message).toContain('MOZAIKS_EMBEDDED_STORE=allow');
    }
    expect(database({ ...production, MOZAIKS_EMBEDDED_STORE: 'allow' })).toMatchObject({ level: 'info', message: expect.stringContaining('keep one instance, on a persistent disk') });
    expect(runDoctor({ MOZAIKS_CONFIGS_PATH: 'config', MOZAIKS_EMBEDDED_STORE: 'yes' }).env).toEqual([{ level: 'error', subject: 'MOZAIKS_EMBEDDED_STORE', message: 'expected allow (or unset)' }]);
  });

  it('warns when a serverless host has nothing to run periodic work', () => {
    const cron = (source: Record<string, string>) => runDoctor({ MOZAIKS_CONFIGS_PATH: 'config', ...source }).env.find((check) => check.subject === 'CRON_SECRET');
    expect(cron({})).toMatchObject({ level: 'info' });
    expect(cron({ VERCEL: '1', DATABASE_URI: 'mongodb://db/app' })).toMatchObject({ level: 'warn', message: expect.stringMatching(/^not set on Vercel: scheduled notifications and digests/) });
    expect(cron({ CRON_SECRET: 'short' })).toMatchObject({ level: 'error', message: expect.stringMatching(/at least 16 characters/) });
    expect(cron({ CRON_SECRET: 'a-long-enough-cron-secret' })).toMatchObject({ level: 'ok' });
  });
});
