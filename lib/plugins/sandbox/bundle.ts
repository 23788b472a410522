/**
 * The files a sandbox process runs: the host program (child.ts) and one plugin's logic, each bundled
 * into a single CommonJS file with everything it imports, so the process needs to read nothing else.
 * `npm run build` makes them for every plugin (scripts/build-sandboxes.ts, into dist/sandbox); in
 * development and tests they are made on first use, and again when a source file changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pluginKey } from '@/lib/plugins/manifest';

export interface SandboxFiles {
  host: string;
  bundle: string;
}

/** Where `npm run build` puts the bundles, relative to the project root. */
export const PREBUILT_DIR = path.join('dist', 'sandbox');
const HOST_SOURCE = path.join('lib', 'plugins', 'sandbox', 'child.ts');

interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ metafile?: { inputs: Record<string, unknown> } }>;
}

/** esbuild, loaded at run time only where it is installed (development, tests, the build itself). */
function esbuild(root: string): Esbuild {
  return createRequire(path.join(root, 'package.json'))('esbuild') as Esbuild;
}

/** Bundles one entry into `outfile`; returns the source files it read, for staleness checks. */
export async function bundleForSandbox({ root, entry, outfile }: { root: string; entry: string; outfile: string }): Promise<string[]> {
  mkdirSync(path.dirname(outfile), { recursive: true });
  const result = await esbuild(root).build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    tsconfig: path.join(root, 'tsconfig.json'),
    // The project's packages, also for a plugin kept outside the project (tests copy fixtures away).
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'silent',
    metafile: true,
    // No source maps: a stack trace never leaves the sandbox anyway.
    sourcemap: false,
  });
  const inputs = Object.keys(result.metafile?.inputs ?? {}).map((input) => path.resolve(root, input));
  writeFileSync(`${outfile}.inputs.json`, JSON.stringify(inputs));
  return inputs;
}

function isFresh(outfile: string): boolean {
  if (!existsSync(outfile) || !existsSync(`${outfile}.inputs.json`)) return false;
  const built = statSync(outfile).mtimeMs;
  const inputs = JSON.parse(readFileSync(`${outfile}.inputs.json`, 'utf8')) as string[];
  return inputs.every((input) => existsSync(input) && statSync(input).mtimeMs <= built);
}

/** The prebuilt bundle of a plugin, as `npm run build` names it. */
export function prebuiltBundle(root: string, name: string): string {
  return path.join(root, PREBUILT_DIR, 'plugins', `${pluginKey(name)}.cjs`);
}

export function prebuiltHost(root: string): string {
  return path.join(root, PREBUILT_DIR, 'host.cjs');
}

function cachedFiles({ name, source, cacheDir }: { name: string; source: string; cacheDir: string }): SandboxFiles {
  return {
    host: path.join(cacheDir, 'host.cjs'),
    bundle: path.join(cacheDir, 'plugins', `${pluginKey(name)}-${createHash('sha256').update(path.resolve(source)).digest('hex').slice(0, 12)}.cjs`),
  };
}

/** Development: whether a source of the cached bundles changed since they were built (running processes then hold old code). */
export function cachedFilesAreStale(options: { name: string; source: string; cacheDir: string }): boolean {
  const { host, bundle } = cachedFiles(options);
  return !isFresh(host) || !isFresh(bundle);
}

/**
 * The bundles for a plugin whose logic is at `source`. In production they must have been built
 * (a clear error says how otherwise); elsewhere they are built here into `cacheDir` when missing or stale.
 */
export async function sandboxFiles({ root, name, source, cacheDir, production }: { root: string; name: string; source: string; cacheDir: string; production: boolean }): Promise<SandboxFiles> {
  if (production) {
    const files = { host: prebuiltHost(root), bundle: prebuiltBundle(root, name) };
    const missing = Object.values(files).filter((file) => !existsSync(file));
    if (missing.length) throw new Error(`sandbox bundles missing (${missing.map((file) => path.relative(root, file)).join(', ')}): run npm run build`);
    return files;
  }
  const { host, bundle } = cachedFiles({ name, source, cacheDir });
  if (!isFresh(host)) await bundleForSandbox({ root, entry: path.join(root, HOST_SOURCE), outfile: host });
  if (!isFresh(bundle)) await bundleForSandbox({ root, entry: source, outfile: bundle });
  return { host, bundle };
}

export { HOST_SOURCE };
