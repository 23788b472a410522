import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { logger } from '@/lib/runtime/logger';
import { generatePluginRegistry, PluginRegistryError } from './generate';

const DEBOUNCE_MS = 200;
const REGISTRY_FILE = path.join('plugins', 'registry.generated.ts');

function readRegistry(root: string): string {
  try {
    return readFileSync(path.join(root, REGISTRY_FILE), 'utf8');
  } catch {
    return '';
  }
}

/**
 * Forgets every compiled server module of the dev build, so that the next request to any route
 * loads them afresh from what Turbopack wrote.
 *
 * Why: Turbopack's server runtime keeps one module cache for all routes, and a route compiled after
 * a change reuses the cached instance of a module another route loaded before it (its own, newer
 * factory for that module is skipped). Only routes already compiled receive the change through
 * server hot reload; so after a plugin was added, `/api/execute/<new>` compiled later saw the old
 * registry until a restart. Dropping the runtime and its chunks from Node's require cache gives the
 * next request a fresh runtime. State that must survive lives on globalThis (processSingleton).
 */
function forgetCompiledServerModules(root: string): number {
  const serverDir = path.join(root, '.next', 'dev', 'server') + path.sep;
  // Node's one require cache; created from a path, as import.meta is not there in the bundled server.
  const cache = createRequire(path.join(root, 'package.json')).cache;
  let forgotten = 0;
  for (const file of Object.keys(cache)) {
    if (!file.startsWith(serverDir)) continue;
    delete cache[file];
    forgotten += 1;
  }
  return forgotten;
}

/**
 * Development only: regenerates the plugin registry when a plugin folder, manifest or page appears,
 * changes or goes, so a new plugin is callable within seconds without a restart. Code edits inside a
 * plugin need nothing from here: Next's hot reload picks them up through the registry's imports.
 */
export function watchPlugins(root: string): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  // What the running routes were built from. `npm run plugin:new` writes the registry itself, so a
  // change is noticed by comparing contents, not by whether this watcher wrote the file.
  let registry = readRegistry(root);
  const regenerate = () => {
    try {
      const { plugins } = generatePluginRegistry({ root });
      const current = readRegistry(root);
      if (current === registry) return;
      registry = current;
      const reloaded = forgetCompiledServerModules(root);
      logger.info('plugin registry regenerated', { plugins, reloaded_modules: reloaded });
    } catch (error) {
      // A half-written manifest is normal while someone types; say what is wrong and keep the last registry.
      if (error instanceof PluginRegistryError) logger.warn(error.message);
      else logger.error('plugin registry generation failed', { error });
    }
  };
  const watcher = watch(path.join(root, 'plugins'), { recursive: true }, (_event, file) => {
    if (file && /\.generated\.tsx?$/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(regenerate, DEBOUNCE_MS);
  });
  watcher.unref();
  return watcher;
}
