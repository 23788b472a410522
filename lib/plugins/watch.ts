import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { logger } from '@/lib/runtime/logger';
import { generateWorkflowRegistry, WorkflowRegistryError } from '@/lib/ai/workflows/generate';
import { generatePluginRegistry, PluginRegistryError } from './generate';

const DEBOUNCE_MS = 200;
// The plugin registry is two files: the manifests (data) and the modules (code); either may change.
const PLUGIN_REGISTRY_FILES = [path.join('plugins', 'manifests.generated.ts'), path.join('plugins', 'modules.generated.ts')];
const WORKFLOW_REGISTRY_FILES = [path.join('workflows', 'registry.generated.ts')];

function readGenerated(root: string, files: string[]): string {
  return files.map((file) => {
    try {
      return readFileSync(path.join(root, file), 'utf8');
    } catch {
      return '';
    }
  }).join('\n');
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

interface WatchedRegistry {
  /** The folder watched, relative to the project. */
  dir: string;
  /** The generated files whose content decides whether compiled modules are dropped. */
  files: string[];
  label: string;
  generate: () => unknown;
  isUserError: (error: unknown) => error is Error;
}

function watchRegistry(root: string, registry: WatchedRegistry): FSWatcher | undefined {
  const dir = path.join(root, registry.dir);
  if (!existsSync(dir)) return undefined;
  let timer: NodeJS.Timeout | undefined;
  // What the running routes were built from. `npm run plugin:new` writes the registry itself, so a
  // change is noticed by comparing contents, not by whether this watcher wrote the file.
  let current = readGenerated(root, registry.files);
  const regenerate = () => {
    try {
      const result = registry.generate();
      const written = readGenerated(root, registry.files);
      if (written === current) return;
      current = written;
      const reloaded = forgetCompiledServerModules(root);
      logger.info(`${registry.label} registry regenerated`, { result, reloaded_modules: reloaded });
    } catch (error) {
      // A half-written manifest or YAML file is normal while someone types; say what is wrong and keep the last registry.
      if (registry.isUserError(error)) logger.warn(error.message);
      else logger.error(`${registry.label} registry generation failed`, { error });
    }
  };
  const watcher = watch(dir, { recursive: true }, (_event, file) => {
    if (file && /\.generated\.tsx?$/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(regenerate, DEBOUNCE_MS);
  });
  watcher.unref();
  return watcher;
}

/**
 * Development only: regenerates the plugin registry when a plugin folder, manifest or page appears,
 * changes or goes, and the workflow registry when a workflow folder or one of its YAML files does,
 * so a new plugin or workflow is usable within seconds without a restart. Code edits need nothing
 * from here: Next's hot reload picks them up through the registries' imports.
 */
export function watchRegistries(root: string): FSWatcher[] {
  return [
    watchRegistry(root, {
      dir: 'plugins',
      files: PLUGIN_REGISTRY_FILES,
      label: 'plugin',
      generate: () => generatePluginRegistry({ root }).plugins,
      isUserError: (error): error is Error => error instanceof PluginRegistryError,
    }),
    watchRegistry(root, {
      dir: 'workflows',
      files: WORKFLOW_REGISTRY_FILES,
      label: 'workflow',
      generate: () => generateWorkflowRegistry({ root }).workflows,
      isUserError: (error): error is Error => error instanceof WorkflowRegistryError,
    }),
  ].filter((watcher): watcher is FSWatcher => watcher !== undefined);
}
