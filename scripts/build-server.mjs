// Bundles server.ts (and the lib/ modules it imports) into dist/server.cjs for `npm start`.
// Packages stay external: they are resolved from node_modules at run time, like Next's own server.
import { build } from 'esbuild';

await build({
  entryPoints: ['server.ts'],
  outfile: 'dist/server.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
