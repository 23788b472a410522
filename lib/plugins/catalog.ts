/**
 * The plugin catalog: every plugin's name and manifest, as data. plugins/manifests.generated.ts holds
 * the manifests and imports no plugin code, so navigation, access checks, listings, settings,
 * subscriptions, connectors and notifications read the catalog without loading any plugin's logic
 * (and without importing, through it, the modules that plugin logic imports). What runs plugins
 * adds their code from lib/plugins/registry.ts.
 */
import { generatedManifests } from '@/plugins/manifests.generated';
import { derivedPerRegistry } from '@/lib/runtime/global';
import { pluginManifestSchema, type PluginManifest } from './manifest';

/** A plugin as the catalog knows it: its name and validated manifest. */
export interface CatalogPlugin {
  name: string;
  manifest: PluginManifest;
}

/** Validates manifests once; a broken manifest is a build-time mistake, so this throws. */
export function catalogOf(manifests: readonly unknown[]): Map<string, CatalogPlugin> {
  const plugins = new Map<string, CatalogPlugin>();
  for (const raw of manifests) {
    const manifest = pluginManifestSchema.parse(raw);
    plugins.set(manifest.name, { name: manifest.name, manifest });
  }
  return plugins;
}

const validated = derivedPerRegistry('plugin-catalog', catalogOf);

/** The plugins of this build, by name. (In development the generated file is re-evaluated on change; so is this map.) */
export function getCatalog(): Map<string, CatalogPlugin> {
  return validated(generatedManifests);
}

/** One plugin of this build's catalog. */
export function getCatalogPlugin(name: string): CatalogPlugin | undefined {
  return getCatalog().get(name);
}
