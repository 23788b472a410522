import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/** The system Chromium (Debian's package) when present; otherwise Playwright's own browser. */
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Where .ci/run collects each suite's counts for its closing summary (scripts/ci/summary.ts). */
const resultsDir = process.env.MOZAIKS_TEST_RESULTS_DIR;

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The second app server (AI behind the OpenAI stand-in) and the stand-in itself. */
const OPENAI_APP_PORT = PORT + 1;
const STAND_IN_PORT = PORT + 90;

export default defineConfig({
  testDir: 'e2e',
  // Each worker drives its own browser against one shared server; two fit this project's 2-core machines.
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: resultsDir ? [['list'], ['json', { outputFile: path.join(resultsDir, 'playwright.json') }]] : [['list']],
  // Journeys of many steps, on a 2-core machine that also runs Keycloak's JVM and three servers: the
  // budgets are generous so that a loaded machine is slow, not red. Nothing here asserts speed.
  timeout: 60_000,
  expect: { timeout: 10_000 },
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
  webServer: [
    {
      // The production build served by server.ts, as `npm start` runs it: AI on the built-in local model.
      command: 'node dist/server.cjs',
      url: `http://localhost:${PORT}/ready`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: {
        NODE_ENV: 'production',
        // Development's defaults on the production build (a generated secret, the first account as superadmin).
        ENV: 'development',
        MOZAIKS_CHECK_OUTPUTS: 'true',
        // Every journey signs up its own accounts from this one address.
        MOZAIKS_SIGNUPS_PER_HOUR: '100000',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(PORT),
        MOZAIKS_APP_ID: 'acme_e2e',
        MOZAIKS_CONFIGS_PATH: 'e2e/fixtures/config',
        MOZAIKS_DATA_DIR: path.join(tmpdir(), `mozaiks-e2e-${PORT}`),
      },
    },
    {
      // A loopback model speaking OpenAI's chat-completions protocol (tests/support/openai-stand-in.ts).
      command: 'npx tsx tests/support/openai-stand-in.ts',
      url: `http://127.0.0.1:${STAND_IN_PORT}/v1/models`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: { OPENAI_STAND_IN_PORT: String(STAND_IN_PORT) },
    },
    {
      // The same build with its model behind that stand-in, for e2e/assistant-openai.spec.ts.
      command: 'node dist/server.cjs',
      url: `http://localhost:${OPENAI_APP_PORT}/ready`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: {
        NODE_ENV: 'production',
        // Development's defaults on the production build (a generated secret, the first account as superadmin).
        ENV: 'development',
        MOZAIKS_CHECK_OUTPUTS: 'true',
        // Every journey signs up its own accounts from this one address.
        MOZAIKS_SIGNUPS_PER_HOUR: '100000',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(OPENAI_APP_PORT),
        MOZAIKS_APP_ID: 'acme_e2e_ai',
        MOZAIKS_CONFIGS_PATH: 'e2e/fixtures/config',
        MOZAIKS_DATA_DIR: path.join(tmpdir(), `mozaiks-e2e-${OPENAI_APP_PORT}`),
        OPENAI_BASE_URL: `http://127.0.0.1:${STAND_IN_PORT}/v1`,
        OPENAI_API_KEY: 'e2e-key',
        MOZAIKS_AI_MODEL: 'test-model',
      },
    },
  ],
});
