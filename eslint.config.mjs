import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypeScript from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';

/**
 * The layers of lib/ (and plugins/), lowest first; docs/architecture.md gives the reason for each
 * boundary. A file may import its own layer and the layers below it, never one above: each layer
 * becomes a zone of import/no-restricted-paths. Type-only imports count too (the rule cannot tell
 * them apart), so the plugin SDK sits with the plugins although it only names connector types.
 */
const LAYERS = [
  { name: 'kernel', files: ['lib/errors/**', 'lib/runtime/!(startup|info|instrumentation-node|collections).ts', 'lib/ui/**'] },
  { name: 'env', files: ['lib/env/**'] },
  { name: 'foundations', files: ['lib/config/**', 'lib/db/**', 'lib/events/**'] },
  { name: 'http tools', files: ['lib/http/!(route|no-route|index).ts'] },
  { name: 'auth', files: ['lib/auth/**'] },
  { name: 'catalogs', files: ['lib/plugins/{manifest,catalog}.ts', 'plugins/manifests.generated.{ts,tsx}', 'lib/theme/**', 'lib/navigation/**'] },
  { name: 'core domains', files: ['lib/admin/**', 'lib/subscriptions/**', 'lib/settings/**', 'lib/realtime/!(index).ts'] },
  {
    name: 'plugins',
    files: ['lib/plugins/!(manifest|catalog|testing|watch).ts', 'lib/plugins/sandbox/**', 'plugins/modules.generated.{ts,tsx}', 'plugins/*/**/*.{ts,tsx}', 'lib/connectors/**', 'lib/profile/**'],
  },
  { name: 'notifications', files: ['lib/notifications/!(client).{ts,tsx}', 'lib/notifications/*/**'] },
  { name: 'director', files: ['lib/director/**'] },
  { name: 'ai', files: ['lib/ai/*.{ts,tsx}', 'lib/ai/!(client)/**', 'lib/doctor/**'] },
  {
    name: 'entry points',
    files: ['lib/http/{route,no-route,index}.ts', 'lib/runtime/{startup,info,instrumentation-node,collections}.ts', 'lib/realtime/index.{ts,tsx}', 'lib/plugins/{testing,watch}.ts', 'lib/seed/**'],
  },
  { name: 'api', files: ['lib/api/**'] },
  { name: 'server', files: ['lib/server/**'] },
  // The browser's callers of the API: typed by the table of endpoints (lib/api/client.ts), so above it.
  { name: 'browser clients', files: ['lib/ai/client/**', 'lib/notifications/client.{ts,tsx}'] },
];

const layerZones = LAYERS.slice(0, -1).map((layer, index) => ({
  target: layer.files,
  from: LAYERS.slice(index + 1).flatMap((higher) => higher.files),
  message: `The ${layer.name} layer may not import a higher layer (docs/architecture.md, "Layers and import rules").`,
}));

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
    // No import cycles in lib/ and plugins/ (type-only imports are not followed: they vanish at run
    // time). Not run on specs, app/ or scripts: nothing imports those, so they close no cycle, and
    // walking the whole graph from each of them was most of lint's time.
    files: ['lib/**/*.{ts,tsx}', 'plugins/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Specs may import any layer: nothing imports them.
    files: ['lib/**/*.{ts,tsx}', 'plugins/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'import/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones }],
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
    // The shell's own pages and chrome import each kit component from its file: the kit's index does not
    // tree-shake (Turbopack keeps every module it re-exports), and the shell is in every page's first
    // load (bench/pages.ts). Plugin pages use the index, as docs/plugins.md shows.
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@/lib/ui', message: "Import the component's own file, e.g. '@/lib/ui/button'." }] }],
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
