/**
 * The plugins this build contains. plugins/registry.generated.ts imports every plugin statically (so
 * bundlers and serverless hosts ship them); this module validates their manifests once and answers
 * lookups. Nothing here scans the file system at request time.
 */
import { generatedPlugins } from '@/plugins/registry.generated';
import { derivedPerRegistry } from '@/lib/runtime/global';
import { pluginManifestSchema, type PluginManifest } from './manifest';
import type { PluginModule } from './sdk';

/**
 * One entry of the generated registry: the raw manifest and the logic module — null for a plugin
 * whose manifest asks for the sandbox, whose code is never loaded into the server's process.
 */
export interface RegisteredPlugin {
  manifest: unknown;
  module: PluginModule | null;
}

export interface LoadedPlugin {
  name: string;
  manifest: PluginManifest;
  /** The logic, for running it in this process; null when it only ever runs sandboxed. */
  module: PluginModule | null;
  /** Its logic.ts, when not plugins/<name>/logic.ts (plugins under test): what a sandbox bundles. */
  source?: string;
}

/** Validates a registry's entries; a broken manifest is a build-time mistake, so this throws. */
export function loadPlugins(entries: (RegisteredPlugin & { source?: string })[]): Map<string, LoadedPlugin> {
  const plugins = new Map<string, LoadedPlugin>();
  for (const entry of entries) {
    const manifest = pluginManifestSchema.parse(entry.manifest);
    const { module } = entry;
    if (module === null) {
      if (!manifest.sandbox) throw new Error(`Plugin ${manifest.name}: its logic is missing from the registry, yet it does not run sandboxed`);
    } else if (!module.default?.actions && typeof module.execute !== 'function' && typeof module.run !== 'function') {
      throw new Error(`Plugin ${manifest.name}: logic.ts exports neither definePlugin(...) as default nor execute(data)`);
    }
    plugins.set(manifest.name, { name: manifest.name, manifest, module, ...(entry.source ? { source: entry.source } : {}) });
  }
  return plugins;
}

const validated = derivedPerRegistry('plugins', loadPlugins);

/** The plugins of this build. (In development the registry module is re-evaluated on change; so is this map.) */
export function getPlugins(): Map<string, LoadedPlugin> {
  return validated(generatedPlugins);
}

export function getPlugin(name: string): LoadedPlugin | undefined {
  return getPlugins().get(name);
}
