// After `npm run build`: copies into <out> only what `node dist/server.cjs` needs in production, for the container image
// (Dockerfile). The packages are those Next traced for its own server and each route (.next/**/*.nft.json) plus those
// the custom server's bundle requires, traced with the same tracer (@vercel/nft, which Next ships compiled); no dev
// dependency, no build cache, no source maps. Usage: node scripts/trace-runtime.mjs <out>
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { nodeFileTrace } = require('next/dist/compiled/@vercel/nft');
const picomatch = require('next/dist/compiled/picomatch');

const root = process.cwd();
const out = process.argv[2] && path.resolve(process.argv[2]);
if (!out) throw new Error('usage: node scripts/trace-runtime.mjs <out>');

// Next's own server-trace ignores (next/dist/build/collect-build-traces.js): development servers, bundlers and type
// files that a production server never loads but the tracer would follow.
const isIgnored = picomatch(
  [
    '**/next/dist/compiled/next-server/**/*.dev.js',
    '**/next/dist/compiled/webpack/*',
    '**/next/dist/server/lib/route-resolver*',
    '**/next/dist/lib/upgrade/**/*',
    '**/next/dist/compiled/@mswjs/interceptors/ClientRequest/**/*',
    '**/next/dist/pages/**/*',
    '**/node_modules/react{,-dom,-dom-server-turbopack}/**/*.development.js',
    '**/*.d.ts',
    '**/*.map',
  ],
  { contains: true, dot: true },
);

/** Every file a `.nft.json` under .next names, relative to the project root. */
function nextTracedFiles() {
  const files = readRequiredServerFiles().files;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'cache') walk(full);
      else if (entry.name.endsWith('.nft.json')) {
        const { files: listed } = JSON.parse(readFileSync(full, 'utf8'));
        files.push(...listed.map((file) => path.relative(root, path.resolve(dir, file))));
      }
    }
  };
  walk(path.join(root, '.next'));
  return files;
}

function readRequiredServerFiles() {
  return JSON.parse(readFileSync(path.join(root, '.next', 'required-server-files.json'), 'utf8'));
}

/** Copies one traced path, keeping symbolic links as links (Turbopack's .next/node_modules aliases are links). */
function copyTraced(relative) {
  const from = path.join(root, relative);
  const to = path.join(out, relative);
  if (existsSync(to) || isIgnored(relative)) return;
  mkdirSync(path.dirname(to), { recursive: true });
  if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else if (lstatSync(from).isFile()) cpSync(from, to);
}

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const { fileList } = await nodeFileTrace([path.join(root, 'dist', 'server.cjs')], {
  base: root,
  processCwd: root,
  ignore: (file) => isIgnored(file),
});
const traced = new Set([...fileList, ...nextTracedFiles()]);
for (const relative of traced) {
  if (relative.startsWith('node_modules/') || relative.startsWith('.next/node_modules/')) copyTraced(relative);
}

// The build itself, minus what only the build and development use.
const skipInNext = new Set(['cache', 'trace', 'trace-build', 'diagnostics', 'types', 'turbopack']);
const keep = (source) => !source.endsWith('.map') && !source.endsWith('.inputs.json');
cpSync(path.join(root, '.next'), path.join(out, '.next'), {
  recursive: true,
  verbatimSymlinks: true,
  filter: (source) => keep(source) && !skipInNext.has(path.relative(path.join(root, '.next'), source).split(path.sep)[0]),
});
for (const folder of ['dist', 'config', 'public']) cpSync(path.join(root, folder), path.join(out, folder), { recursive: true, filter: keep });
cpSync(path.join(root, 'package.json'), path.join(out, 'package.json'));

process.stdout.write(`Runtime in ${path.relative(root, out) || out}: ${traced.size} traced files (${((Date.now() - started) / 1000).toFixed(1)} s).\n`);
