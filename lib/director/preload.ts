/**
 * A plugin page's first data, fetched during its server render (the manifest's `page.preload`): each
 * call goes through the Director as the user, exactly as the page's own call from the browser would,
 * and its result reaches the page as JSON would carry it. A call that fails is left out, and the page
 * makes it itself and shows its own error: a preload can only save a round trip, never change what
 * the page shows.
 */
import type { Identity } from '@/lib/auth/identity';
import { isApiError } from '@/lib/errors';
import type { CatalogPlugin } from '@/lib/plugins/catalog';
import { preloadKey, type PreloadedCalls } from '@/lib/plugins/preload-key';
import { logger } from '@/lib/runtime/logger';
import { executePlugin } from './index';

export async function preloadPage(identity: Identity, plugin: CatalogPlugin): Promise<PreloadedCalls> {
  const calls = plugin.manifest.page?.preload ?? [];
  const results = await Promise.all(
    calls.map(async ({ action, input }) => {
      try {
        const result = await executePlugin({ plugin: undefined, pluginName: plugin.name, identity, body: { ...input, action } });
        // What the browser would have parsed: Dates as strings, undefined fields gone.
        return [[preloadKey(action, input), JSON.parse(JSON.stringify(result ?? null)) as unknown]] as const;
      } catch (error) {
        if (!isApiError(error)) logger.warn('a plugin page preload failed; the page will fetch it', { plugin: plugin.name, action, error });
        return [];
      }
    }),
  );
  return Object.fromEntries(results.flat());
}
