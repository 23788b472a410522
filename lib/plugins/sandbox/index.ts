/**
 * Sandboxed plugins: a plugin whose manifest says `"sandbox": true` (every plugin with
 * MOZAIKS_SANDBOX_ALL=true) runs in processes of its own (./pool.ts), reaching the outside only
 * through the `ctx` capabilities it declares, each answered here by the same code that serves a
 * trusted plugin (lib/director/context.ts), so tenant scoping and permissions are the same.
 */
import path from 'node:path';
import type { Identity } from '@/lib/auth/identity';
import { connectorMode } from '@/lib/connectors';
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import type { LoadedPlugin } from '@/lib/plugins/registry';
import type { PluginContext } from '@/lib/plugins/sdk';
import { logger } from '@/lib/runtime/logger';
import { cachedFilesAreStale, sandboxFiles } from './bundle';
import { sandboxPool, type CapabilityHandler } from './pool';
import { COLLECTION_METHODS, type CollectionMethod } from './protocol';

export { closeSandboxes } from './pool';
export { isSandboxed } from './placement';

const CAPABILITY_METHODS: Record<string, readonly string[]> = {
  settings: ['get', 'save'],
  realtime: ['sendToUser', 'broadcast'],
  events: ['publish'],
  notifications: ['create', 'schedule', 'cancel'],
  http: ['fetch'],
};

const refuse = (detail: string) => new ApiError('PLUGIN_PERMISSION_DENIED', detail);

/** Turns a sandbox's request into a call on the plugin's real ctx: only the methods a ctx has, by name. */
function capabilityHandler(plugin: LoadedPlugin, ctx: PluginContext): CapabilityHandler {
  return async (capability, method, args) => {
    if (capability === 'db.collection' || capability === 'db.personal') {
      const [name, ...rest] = args;
      if (typeof name !== 'string' || !COLLECTION_METHODS.includes(method as CollectionMethod)) throw refuse(`ctx.db has no ${method}`);
      const collection = capability === 'db.collection' ? ctx.db.collection(name) : ctx.db.personal(name);
      return (collection[method as CollectionMethod] as (...values: unknown[]) => Promise<unknown>)(...rest);
    }
    if (capability === 'connectors') {
      const [service, operation] = method.split('.');
      const target = service && service !== 'mode' ? (ctx.connectors as unknown as Record<string, Record<string, unknown>>)[service] : undefined;
      const fn = operation && !operation.startsWith('_') && operation !== 'constructor' && target ? target[operation] : undefined;
      if (typeof fn !== 'function') throw refuse(`ctx.connectors has no ${method}`);
      return (fn as (...values: unknown[]) => unknown).apply(target, args);
    }
    if (!CAPABILITY_METHODS[capability]?.includes(method)) throw refuse(`ctx.${capability}.${method} does not exist`);
    const target = ctx[capability as keyof PluginContext] as unknown as Record<string, (...values: unknown[]) => unknown>;
    return target[method]!(...args);
  };
}

/** Runs one call of a sandboxed plugin, in the name of `identity`; answers or throws like a trusted plugin would. */
export async function runInSandbox({ plugin, identity, data, ctx, signal }: { plugin: LoadedPlugin; identity: Identity; data: Record<string, unknown>; ctx: PluginContext; signal: AbortSignal }): Promise<unknown> {
  const env = getEnv();
  const root = process.cwd();
  const source = plugin.source ?? path.join(root, 'plugins', plugin.name, 'logic.ts');
  // A production build (npm start, next start) carries the bundles; anywhere else they are made on
  // demand, and remade (with fresh processes) when the plugin's code changes.
  const production = process.env.NODE_ENV === 'production' && !plugin.source;
  const cacheDir = path.join(env.dataDir, 'sandbox');
  const pool = sandboxPool(`${plugin.name}:${source}`, () => ({
    plugin: plugin.name,
    memoryMb: env.sandbox.memoryMb,
    processes: env.sandbox.processes,
    perUser: env.sandbox.processesPerUser,
    files: () => sandboxFiles({ root, name: plugin.name, source, cacheDir, production }),
    stale: production ? undefined : () => cachedFilesAreStale({ name: plugin.name, source, cacheDir }),
  }));
  return pool.call({
    user: `${identity.app_id}:${identity.user_id}`,
    // The caller's token stays here: connectors are reached through ctx, where it is bound.
    data: { ...data, user_jwt: null },
    context: {
      app_id: identity.app_id,
      user_id: identity.user_id,
      identity: { app_id: identity.app_id, user_id: identity.user_id, username: identity.username, email: identity.email, roles: identity.roles, is_superadmin: identity.is_superadmin, auth_method: identity.auth_method },
      connectors_mode: connectorMode(env.connectors).mode,
    },
    handle: capabilityHandler(plugin, ctx),
    log: (level, message, fields) => logger[level](message, { ...fields, plugin: plugin.name, user_id: identity.user_id, sandbox: true }),
    signal,
  });
}
