import { getEnv } from '@/lib/env';
import type { CatalogPlugin } from '@/lib/plugins/catalog';

/** Whether a plugin's calls run in a sandbox: its manifest asks for it, or MOZAIKS_SANDBOX_ALL does for every plugin. */
export function isSandboxed(plugin: Pick<CatalogPlugin, 'manifest'>): boolean {
  return plugin.manifest.sandbox || getEnv().sandbox.all;
}
