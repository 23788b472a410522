/**
 * Platform pages without a platform: a plugin whose manifest says `requires_platform` is shown while a
 * platform manages the app or sample data is on, and left out (sidebar, page) otherwise. Pages that work
 * from this app's own data (Accounts, the app's plugins) are shown in every mode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { isShownWithoutPlatform } from '@/lib/plugins/access';
import { getCatalogPlugin } from '@/lib/plugins/catalog';

const PRODUCTION = { ENV: 'production', MOZAIKS_APP_ID: 'acme', JWT_SECRET: 'Zq3v8LmN2pR5tW9yB4cF7hJ1kD6gS0xA' };
const touched = new Set<string>();

function withEnv(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) {
    touched.add(key);
    process.env[key] = value;
  }
  resetEnvForTests();
}

afterEach(() => {
  for (const key of touched) delete process.env[key];
  touched.clear();
  resetEnvForTests();
});

function shown(): string[] {
  return ['moz.platform.hosting', 'moz.platform.discovery', 'moz.platform.dashboard', 'moz.platform.admin', 'notes'].filter((name) => isShownWithoutPlatform(getCatalogPlugin(name)!));
}

describe('requires_platform', () => {
  it('is declared by the hosting, discovery and dashboard plugins only', () => {
    expect(['moz.platform.hosting', 'moz.platform.discovery', 'moz.platform.dashboard', 'moz.platform.admin'].map((name) => getCatalogPlugin(name)?.manifest.requires_platform)).toEqual([true, true, true, false]);
  });

  it('shows every page with sample data (development) or a platform, and hides the platform-only ones in production without', () => {
    expect(shown()).toHaveLength(5);
    withEnv(PRODUCTION);
    expect(shown()).toEqual(['moz.platform.admin', 'notes']);
    withEnv({ MOZAIKS_CONNECTORS: 'mock' });
    expect(shown()).toHaveLength(5);
    withEnv({ MOZAIKS_CONNECTORS: 'auto', MOZAIKS_MANAGED: '1', MOZAIKS_GATEWAY_BASE_URL: 'https://gateway.example.com' });
    expect(shown()).toHaveLength(5);
  });

  it('hides them in development too with MOZAIKS_CONNECTORS=off', () => {
    withEnv({ MOZAIKS_CONNECTORS: 'off' });
    expect(shown()).toEqual(['moz.platform.admin', 'notes']);
  });
});
