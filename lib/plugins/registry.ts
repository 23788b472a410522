/**
 * The plugins of this build with their code: the catalog (lib/plugins/catalog.ts) joined with
 * plugins/modules.generated.ts, which imports every in-process plugin's logic statically (so bundlers
 * and serverless hosts ship them). Only what runs plugins imports this module: the Director, the
 * sandbox host and the AI tools; everything that only reads manifests uses the catalog. Nothing here
 * scans the file system at request time.
 */
import { generatedModules } from '@/plugins/modules.generated';
import { derivedPerRegistry } from '@/lib/runtime/global';
import { catalogOf, getCatalog, type CatalogPlugin } from './catalog';
import type { PluginModule } from './sdk';

/**
 * A plugin given by its raw manifest and logic module — null for a plugin whose manifest asks for
 * the sandbox, whose code is never loaded into the server's process. (What tests hand loadPlugins.)
 */
export interface RegisteredPlugin {
  manifest: unknown;
  module: PluginModule | null;
}

export interface LoadedPlugin extends CatalogPlugin {
  /** The logic, for running it in this process; null when it only ever runs sandboxed. */
  module: PluginModule | null;
  /** Its logic.ts, when not plugins/<name>/logic.ts (plugins under test): what a sandbox bundles. */
  source?: string;
}

function withModule(plugin: CatalogPlugin, module: PluginModule | null, source?: string): LoadedPlugin {
  const { name, manifest } = plugin;
  if (module === null) {
    if (!manifest.sandbox) throw new Error(`Plugin ${name}: its logic is missing from the registry, yet it does not run sandboxed`);
  } else if (!module.default?.actions && typeof module.execute !== 'function' && typeof module.run !== 'function') {
    throw new Error(`Plugin ${name}: logic.ts exports neither definePlugin(...) as default nor execute(data)`);
  }
  return { name, manifest, module, ...(source ? { source } : {}) };
}

/** Validates entries given with their code (plugins under test); a broken manifest or module throws. */
export function loadPlugins(entries: (RegisteredPlugin & { source?: string })[]): Map<string, LoadedPlugin> {
  const plugins = new Map<string, LoadedPlugin>();
  for (const entry of entries) {
    const [plugin] = catalogOf([entry.manifest]).values();
    plugins.set(plugin!.name, withModule(plugin!, entry.module, entry.source));
  }
  return plugins;
}

// Keyed by both generated files, as in development either may be re-evaluated without the other:
// a changed plugin.json brings a new catalog, a changed logic.ts a new modules object.
const joined = derivedPerRegistry('plugins', () => new WeakMap<Map<string, CatalogPlugin>, Map<string, LoadedPlugin>>());

/** The plugins of this build with their code. */
export function getPlugins(): Map<string, LoadedPlugin> {
  const catalog = getCatalog();
  const byCatalog = joined(generatedModules);
  let plugins = byCatalog.get(catalog);
  if (!plugins) {
    plugins = new Map([...catalog.values()].map((plugin) => [plugin.name, withModule(plugin, generatedModules[plugin.name] ?? null)]));
    byCatalog.set(catalog, plugins);
  }
  return plugins;
}

export function getPlugin(name: string): LoadedPlugin | undefined {
  return getPlugins().get(name);
}
