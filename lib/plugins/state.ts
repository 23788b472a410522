/**
 * Which plugins an app has enabled. The answer is cached per process and dropped when any instance
 * changes a plugin's state (the `plugin_state_changed` event, heard by every instance through Redis);
 * without Redis, other instances notice within STATE_CACHE_MS.
 */
import type { Identity } from '@/lib/auth/identity';
import { database } from '@/lib/db';
import { publish, subscribe } from '@/lib/events';
import { recordAdminAction } from '@/lib/admin/audit';
import { ApiError } from '@/lib/errors';
import type { Awaitable } from '@/lib/runtime/awaitable';
import { processSingleton } from '@/lib/runtime/global';
import { getCatalogPlugin, getCatalog } from './catalog';

/** How long an instance trusts its cached plugin states when no event tells it otherwise. */
export const STATE_CACHE_MS = 30_000;

interface PluginStateDocument {
  [key: string]: unknown;
  enabled: boolean;
  updated_at: Date;
  updated_by: string;
}

const cache = processSingleton('plugin-states', () => ({
  byApp: new Map<string, { disabled: Set<string>; loadedAt: number }>(),
  listening: false,
}));

function statesOf(appId: string) {
  return database({ appId }).collection<PluginStateDocument>('plugin_states');
}

function listenForChanges(): void {
  if (cache.listening) return;
  cache.listening = true;
  subscribe('plugin_state_changed', (_data, event) => void cache.byApp.delete(event.app_id), { id: 'plugin-state-cache', everyInstance: true });
}

/**
 * The names of the plugins this app has disabled: at once when this process knows them fresh enough
 * (every plugin call asks), else once read.
 */
export function disabledPlugins(appId: string): Awaitable<ReadonlySet<string>> {
  listenForChanges();
  const cached = cache.byApp.get(appId);
  if (cached && performance.now() - cached.loadedAt < STATE_CACHE_MS) return cached.disabled;
  return statesOf(appId)
    .find({ enabled: false }, { projection: { _id: 1 } })
    .then((documents) => {
      const disabled = new Set(documents.map((document) => document._id));
      // performance.now(), not Date.now(): every plugin call reads it, and Next wraps Date.now() to track clock reads.
      cache.byApp.set(appId, { disabled, loadedAt: performance.now() });
      return disabled;
    });
}

/** Every plugin of the build with its state, for operators. */
export async function listPluginStates(appId: string) {
  const disabled = await disabledPlugins(appId);
  return [...getCatalog().values()].map((plugin) => ({
    name: plugin.name,
    display_name: plugin.manifest.display_name,
    version: plugin.manifest.version,
    enabled: !disabled.has(plugin.name),
  }));
}

/** Enables or disables a plugin for the whole app, at once on every instance. */
export async function setPluginEnabled({ identity, name, enabled }: { identity: Identity; name: string; enabled: boolean }) {
  if (!getCatalogPlugin(name)) throw new ApiError('NOT_FOUND', `Plugin '${name}' not found`);
  await statesOf(identity.app_id).updateOne(
    { _id: name },
    { $set: { enabled, updated_at: new Date(), updated_by: identity.user_id } },
    { upsert: true },
  );
  cache.byApp.delete(identity.app_id);
  await recordAdminAction(identity, enabled ? 'enablePlugin' : 'disablePlugin', name);
  publish('plugin_state_changed', { plugin: name, enabled }, { appId: identity.app_id, userId: identity.user_id });
  return { name, enabled };
}
