import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/** The system Chromium (Debian's package) when present; otherwise Playwright's own browser. */
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: 'e2e',
  // Each worker drives its own browser against one shared server; two fit this project's 2-core machines.
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  timeout: 30_000,
  use: {
    // localhost, not 127.0.0.1: Next rewrites loopback IPs to localhost (see PITFALLS.md).
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // The production build served by server.ts, as `npm start` runs it.
    command: 'node dist/server.cjs',
    url: `http://localhost:${PORT}/ready`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(PORT),
      MOZAIKS_APP_ID: 'acme_e2e',
      MOZAIKS_CONFIGS_PATH: 'e2e/fixtures/config',
      MOZAIKS_DATA_DIR: path.join(tmpdir(), `mozaiks-e2e-${PORT}`),
    },
  },
});
