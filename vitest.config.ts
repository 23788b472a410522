import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Where .ci/run collects each suite's counts for its closing summary (scripts/ci/summary.ts). */
const resultsDir = process.env.MOZAIKS_TEST_RESULTS_DIR;

const include = ['lib/**/*.test.ts', 'tests/**/*.test.ts', 'plugins/**/*.test.ts'];

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    environment: 'node',
    // next-auth imports `next/server` without an extension, which only bundlers resolve: let Vite handle it.
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
    pool: 'forks',
    reporters: resultsDir ? ['default', ['json', { outputFile: path.join(resultsDir, 'vitest.json') }]] : ['default'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    projects: [
      // Unit specs sit next to their module; integration specs (real servers, real HTTP) live in tests/.
      { extends: true, test: { name: 'all', include } },
      // The plugins' own specs once more, every plugin in its sandbox: the same code must behave the same.
      { extends: true, test: { name: 'plugins sandboxed', include: ['plugins/**/*.test.ts'], env: { MOZAIKS_SANDBOX_ALL: 'true' } } },
    ],
  },
});
