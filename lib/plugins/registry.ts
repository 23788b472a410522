/**
 * The plugins this build contains. plugins/registry.generated.ts imports every plugin statically (so
 * bundlers and serverless hosts ship them); this module validates their manifests once and answers
 * lookups. Nothing here scans the file system at request time.
 */
import { generatedPlugins } from '@/plugins/registry.generated';
import { processSingleton } from '@/lib/runtime/global';
import { pluginManifestSchema, type PluginManifest } from './manifest';
import type { PluginModule } from './sdk';

/** One entry of the generated registry: the raw manifest and the logic module. */
export interface RegisteredPlugin {
  manifest: unknown;
  module: PluginModule;
}

export interface LoadedPlugin {
  name: string;
  manifest: PluginManifest;
  module: PluginModule;
}

/** Validates a registry's entries; a broken manifest is a build-time mistake, so this throws. */
export function loadPlugins(entries: RegisteredPlugin[]): Map<string, LoadedPlugin> {
  const plugins = new Map<string, LoadedPlugin>();
  for (const entry of entries) {
    const manifest = pluginManifestSchema.parse(entry.manifest);
    const { module } = entry;
    if (!module.default?.actions && typeof module.execute !== 'function' && typeof module.run !== 'function') {
      throw new Error(`Plugin ${manifest.name}: logic.ts exports neither definePlugin(...) as default nor execute(data)`);
    }
    plugins.set(manifest.name, { name: manifest.name, manifest, module });
  }
  return plugins;
}

const holder = processSingleton('plugins', () => ({ entries: undefined as RegisteredPlugin[] | undefined, plugins: new Map<string, LoadedPlugin>() }));

/** The plugins of this build. (In development the registry module is re-evaluated on change; so is this map.) */
export function getPlugins(): Map<string, LoadedPlugin> {
  if (holder.entries !== generatedPlugins) {
    holder.plugins = loadPlugins(generatedPlugins);
    holder.entries = generatedPlugins;
  }
  return holder.plugins;
}

export function getPlugin(name: string): LoadedPlugin | undefined {
  return getPlugins().get(name);
}
