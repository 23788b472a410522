/**
 * The managed/mock/self-hosted switch for every combination of MOZAIKS_MANAGED, MOZAIKS_HOSTING_MODE,
 * MOZAIKS_GATEWAY_BASE_URL and MOZAIKS_CONNECTORS: managed exactly when managed mode is asked for and a
 * gateway is set; else sample data unless MOZAIKS_CONNECTORS=off (these run as development, where `auto`
 * means samples); else self-hosted. The bundle is then checked by what it does: a managed one calls the
 * gateway, the others never do.
 */
import { describe, expect, it } from 'vitest';
import { loadConnectors } from '@/lib/connectors';
import { EnvError, parseEnv } from '@/lib/env';
import { connectorBinding, gatewayPerFile } from '../support/gateway';

const gateway = gatewayPerFile();

const binding = connectorBinding;

const MANAGED = [undefined, '', '0', 'false', '1', 'true', 'yes'] as const;
const HOSTING = [undefined, '', 'self_host', 'self_hosted', 'hosted'] as const;
const GATEWAY = ['unset', 'empty', 'set'] as const;
const SAMPLES = [undefined, 'auto', 'mock', 'off'] as const;

const combinations = MANAGED.flatMap((managed) =>
  HOSTING.flatMap((hosting) => GATEWAY.flatMap((gatewayUrl) => SAMPLES.map((samples) => ({ managed, hosting, gatewayUrl, samples })))),
);

function sourceOf({ managed, hosting, gatewayUrl, samples }: (typeof combinations)[number]): Record<string, string> {
  const source: Record<string, string> = {};
  if (samples !== undefined) source.MOZAIKS_CONNECTORS = samples;
  if (managed !== undefined) source.MOZAIKS_MANAGED = managed;
  if (hosting !== undefined) source.MOZAIKS_HOSTING_MODE = hosting;
  if (gatewayUrl === 'empty') source.MOZAIKS_GATEWAY_BASE_URL = '';
  if (gatewayUrl === 'set') source.MOZAIKS_GATEWAY_BASE_URL = gateway().url;
  return source;
}

describe('the connector mode', () => {
  it.each(combinations.map((combination) => [JSON.stringify(combination), combination] as const))('%s', async (_, combination) => {
    const asked = ['1', 'true', 'yes'].includes(combination.managed ?? '') || combination.hosting === 'hosted';
    const expected = asked && combination.gatewayUrl === 'set' ? 'managed' : combination.samples === 'off' ? 'self_hosted' : 'mock';
    const bundle = loadConnectors(binding, parseEnv(sourceOf(combination)).connectors);
    expect(bundle.mode).toBe(expected);
    const apps = await bundle.hosting.listApps();
    if (expected === 'managed') {
      expect(apps).not.toHaveProperty('sample');
      expect(apps.available).toBe(true);
      expect(gateway().requests).toHaveLength(1);
    } else if (expected === 'mock') {
      expect(apps).toMatchObject({ available: true, sample: true });
      expect(gateway().requests).toHaveLength(0);
    } else {
      expect(apps).toEqual({ available: false, reason: 'self_hosted' });
      expect(gateway().requests).toHaveLength(0);
    }
  });

  it('refuses managed mode without a gateway in production, and unknown hosting modes anywhere', () => {
    const production = { ENV: 'production', MOZAIKS_APP_ID: 'acme', JWT_SECRET: 'Zq3v8LmN2pR5tW9yB4cF7hJ1kD6gS0xA' };
    for (const asked of [{ MOZAIKS_MANAGED: '1' }, { MOZAIKS_HOSTING_MODE: 'hosted' }]) {
      expect(() => parseEnv({ ...production, ...asked })).toThrow(EnvError);
      expect(() => parseEnv({ ...production, ...asked })).toThrow(/MOZAIKS_GATEWAY_BASE_URL: is required when ENV=production/);
      expect(parseEnv({ ...production, ...asked, MOZAIKS_GATEWAY_BASE_URL: 'https://gw.example.com' }).connectors.managedRequested).toBe(true);
    }
    expect(() => parseEnv({ ...production })).not.toThrow();
    expect(() => parseEnv({ MOZAIKS_HOSTING_MODE: 'cloud' })).toThrow(/MOZAIKS_HOSTING_MODE: expected self_host or hosted/);
    expect(() => parseEnv({ MOZAIKS_MANAGED: 'maybe' })).toThrow(/MOZAIKS_MANAGED/);
    expect(() => parseEnv({ MOZAIKS_GATEWAY_BASE_URL: 'gateway:8080' })).toThrow(/MOZAIKS_GATEWAY_BASE_URL: must be an http\(s\) URL/);
  });

  it('samples nothing in production unless MOZAIKS_CONNECTORS=mock, and refuses other values', async () => {
    const production = { ENV: 'production', MOZAIKS_APP_ID: 'acme', JWT_SECRET: 'Zq3v8LmN2pR5tW9yB4cF7hJ1kD6gS0xA' };
    expect(loadConnectors(binding, parseEnv(production).connectors).mode).toBe('self_hosted');
    expect(loadConnectors(binding, parseEnv({ ...production, MOZAIKS_CONNECTORS: 'auto' }).connectors).mode).toBe('self_hosted');
    expect(parseEnv({ ...production, MOZAIKS_CONNECTORS: 'mock' }).connectors.sampleData).toBe('requested');
    expect(parseEnv({}).connectors.sampleData).toBe('development');
    expect(() => parseEnv({ MOZAIKS_CONNECTORS: 'sample' })).toThrow(/MOZAIKS_CONNECTORS: expected auto, mock or off/);
    expect(() => parseEnv({ MOZAIKS_CONNECTORS: 'MOCK' })).toThrow(EnvError);
  });

  it('passes the gateway key, timeout and retries to the client', async () => {
    const env = parseEnv({ MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: `${gateway().url}/`, MOZAIKS_GATEWAY_API_KEY: 'k-9', MOZAIKS_GATEWAY_RETRIES: '0' });
    gateway().script('GET /api/hosting/apps', { status: 503 });
    expect(await loadConnectors(binding, env.connectors).hosting.listApps()).toEqual({ available: false, reason: 'gateway_error' });
    expect(gateway().requests).toHaveLength(1);
    expect(gateway().requests[0]).toMatchObject({ path: '/api/hosting/apps', headers: { 'x-mozaiks-app-key': 'k-9' } });
  });
});
