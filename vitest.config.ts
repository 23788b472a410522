import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    // Unit specs sit next to their module; integration specs (real servers, real HTTP) live in tests/.
    include: ['lib/**/*.test.ts', 'tests/**/*.test.ts', 'plugins/**/*.test.ts'],
    environment: 'node',
    // next-auth imports `next/server` without an extension, which only bundlers resolve: let Vite handle it.
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
