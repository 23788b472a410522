import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypeScript from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';

export default defineConfig([
  ...nextVitals,
  ...nextTypeScript,
  globalIgnores(['.next/**', 'dist/**', '.data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Plugin logic is imported by the plugin registry, which lib/connectors' index reaches through its
    // self-hosted connectors: importing the index from a plugin would be an import cycle (and, from a
    // page, server code in the browser bundle). Plugins get connectors as ctx.connectors, schemas from
    // the service modules, and page texts from lib/connectors/messages.
    files: ['plugins/**/*.ts', 'plugins/**/*.tsx'],
    ignores: ['plugins/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@/lib/connectors', message: 'Use ctx.connectors, and import schemas from @/lib/connectors/services/<service>.' }] },
      ],
    },
  },
  {
    // Every journey runs under the fixture that fails a test on a Content-Security-Policy violation.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@playwright/test', message: "Import test and expect from './support/test' (it fails on CSP violations)." }] }],
    },
  },
]);
