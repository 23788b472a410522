import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { logger } from '@/lib/runtime/logger';
import { generatePluginRegistry, PluginRegistryError } from './generate';

const DEBOUNCE_MS = 200;

/**
 * Development only: regenerates the plugin registry when a plugin folder, manifest or page appears,
 * changes or goes, so a new plugin is callable within seconds without a restart. Code edits inside a
 * plugin need nothing from here: Next's hot reload picks them up through the registry's imports.
 */
export function watchPlugins(root: string): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  const regenerate = () => {
    try {
      const { stale, plugins } = generatePluginRegistry({ root });
      if (stale.length) logger.info('plugin registry regenerated', { plugins });
    } catch (error) {
      // A half-written manifest is normal while someone types; say what is wrong and keep the last registry.
      if (error instanceof PluginRegistryError) logger.warn(error.message);
      else logger.error('plugin registry generation failed', { error });
    }
  };
  const watcher = watch(path.join(root, 'plugins'), { recursive: true }, (_event, file) => {
    if (file && /\.generated\.ts$/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(regenerate, DEBOUNCE_MS);
  });
  watcher.unref();
  return watcher;
}
