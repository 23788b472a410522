import { getEnv } from '@/lib/env';
import type { LoadedPlugin } from '@/lib/plugins/registry';

/** Whether a plugin's calls run in a sandbox: its manifest asks for it, or MOZAIKS_SANDBOX_ALL does for every plugin. */
export function isSandboxed(plugin: Pick<LoadedPlugin, 'manifest'>): boolean {
  return plugin.manifest.sandbox || getEnv().sandbox.all;
}
