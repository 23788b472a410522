/**
 * A plugin page's first data, fetched during its server render (the manifest's `page.preload`): each
 * call goes through the Director as the user, exactly as the page's own call from the browser would,
 * and its result reaches the page as JSON would carry it. A call that fails, or has not answered
 * within PRELOAD_BUDGET_MS, is left out, and the page makes it itself and shows its own loading state
 * or error: a preload can only save a round trip, never change what the page shows or hold it back.
 */
import type { Identity } from '@/lib/auth/identity';
import { isApiError } from '@/lib/errors';
import type { CatalogPlugin } from '@/lib/plugins/catalog';
import type { PluginManifest } from '@/lib/plugins/manifest';
import { preloadKey, type PreloadedCalls } from '@/lib/plugins/preload-key';
import { logger } from '@/lib/runtime/logger';
import { executePlugin } from './index';

/**
 * How long the page waits for its preloads. They take tens of milliseconds; this bounds the case of a
 * call that hangs (a platform service timing out after several seconds), which would otherwise hold
 * back the whole page: past it, the page shows its skeleton and waits for that call in the browser, as
 * it would without preloading. Generous, so that a busy host still gets its data with the HTML.
 */
export const PRELOAD_BUDGET_MS = 2_000;

type PreloadCall = NonNullable<PluginManifest['page']>['preload'][number];

const LATE = Symbol('late');

/** Runs `calls` with `run`, keeping the results that arrived within `budgetMs`, by preloadKey. */
export async function preloadCalls(
  calls: readonly PreloadCall[],
  run: (call: PreloadCall) => Promise<unknown>,
  { budgetMs = PRELOAD_BUDGET_MS, plugin }: { budgetMs?: number; plugin: string },
): Promise<PreloadedCalls> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), budgetMs)));
  try {
    const results = await Promise.all(
      calls.map(async (call) => {
        const answer = run(call);
        // A call past the budget goes on (the Director's deadline bounds it); its failure must not go unheard.
        answer.catch(() => undefined);
        try {
          const result = await Promise.race([answer, late]);
          if (result === LATE) return [];
          // What the browser would have parsed: Dates as strings, undefined fields gone.
          return [[preloadKey(call.action, call.input), JSON.parse(JSON.stringify(result ?? null)) as unknown]] as const;
        } catch (error) {
          if (!isApiError(error)) logger.warn('a plugin page preload failed; the page will fetch it', { plugin, action: call.action, error });
          return [];
        }
      }),
    );
    return Object.fromEntries(results.flat());
  } finally {
    clearTimeout(timer);
  }
}

export function preloadPage(identity: Identity, plugin: CatalogPlugin): Promise<PreloadedCalls> {
  return preloadCalls(
    plugin.manifest.page?.preload ?? [],
    ({ action, input }) => executePlugin({ plugin: undefined, pluginName: plugin.name, identity, body: { ...input, action } }),
    { plugin: plugin.name },
  );
}
