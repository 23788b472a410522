import { z } from 'zod';
import type { Identity } from '@/lib/auth/identity';
import { connectorsFor, type ConnectorBundle } from '@/lib/connectors';
import { correlationIdOf } from '@/lib/http/correlation';
import { database } from '@/lib/db';
import { publish } from '@/lib/events';
import { ApiError } from '@/lib/http/errors';
import { parseOrRefuse } from '@/lib/http/validate';
import { pluginFetch } from '@/lib/plugins/http';
import { PLUGIN_CAPABILITIES, type PluginCapability } from '@/lib/plugins/manifest';
import { isSandboxed } from '@/lib/plugins/sandbox/placement';
import { cancelScheduledNotification, createNotification, scheduleNotification } from '@/lib/notifications';
import type { LoadedPlugin } from '@/lib/plugins/registry';
import type { PluginContext } from '@/lib/plugins/sdk';
import { broadcastToApp, sendToUser } from '@/lib/realtime/send';
import { logger } from '@/lib/runtime/logger';
import { replacePluginSettings, storedPluginSettings, withDefaults } from '@/lib/settings/plugin-settings';

const notificationInput = z.object({
  user_id: z.string().min(1),
  notification_type: z.string().min(1).max(100),
  title: z.string().max(500),
  message: z.string().max(5_000),
  metadata: z.record(z.string(), z.unknown()).default({}),
});
const scheduleInput = notificationInput.extend({ scheduled_for: z.coerce.date(), key: z.string().min(1).max(200).optional() });

/** `task_created` → `task_manager:task_created`; another plugin's prefix is refused. */
function pluginEventName(plugin: string, event: string): string {
  const name = event.includes(':') ? event : `${plugin}:${event}`;
  if (!name.startsWith(`${plugin}:`)) throw new Error(`Plugin ${plugin} may only publish its own events (${plugin}:<event>), not "${event}"`);
  return name;
}

/**
 * Builds the `ctx` a plugin call receives: its own scoped collections, its settings, sockets, a logger,
 * and the platform connectors bound to the caller (their token and the request's correlation id).
 * `signal` makes the call's AbortSignal on first use.
 */
export function pluginContext({ plugin, identity, signal, correlationId }: { plugin: LoadedPlugin; identity: Identity; signal: () => AbortSignal; correlationId?: string }): PluginContext {
  const app = database({ appId: identity.app_id });
  const shared = app.forPlugin(plugin.name);
  const personal = app.forUser(identity.user_id).forPlugin(plugin.name);
  const fields = (extra?: Record<string, unknown>) => ({ plugin: plugin.name, user_id: identity.user_id, ...extra });
  // Built on first use: most calls never touch a platform service.
  let connectors: ConnectorBundle | undefined;
  const context: PluginContext = {
    app_id: identity.app_id,
    user_id: identity.user_id,
    identity,
    db: {
      collection: (name) => shared.collection(name),
      personal: (name) => personal.collection(name),
    },
    settings: {
      get: async () => {
        const stored = await storedPluginSettings(identity, plugin.name);
        return { ...withDefaults(plugin.manifest, stored), ...stored };
      },
      save: (values) => replacePluginSettings(identity, plugin.name, values),
    },
    realtime: {
      sendToUser: (userId, message) => sendToUser({ appId: identity.app_id, userId, event: `${plugin.name}:update`, message }),
      broadcast: (message) => broadcastToApp({ appId: identity.app_id, event: `${plugin.name}:update`, message }),
    },
    events: {
      publish: (event, data) => {
        publish(pluginEventName(plugin.name, event) as `${string}:${string}`, data, { appId: identity.app_id, userId: identity.user_id });
      },
    },
    notifications: {
      create: async (input) => {
        // A mistake here is the plugin's bug: a 422 naming the field, not a 500 deep in the notifications manager.
        const { user_id, notification_type, title, message, metadata } = parseOrRefuse(notificationInput, input, { what: 'ctx.notifications.create' });
        return createNotification({ appId: identity.app_id, userId: user_id, type: notification_type, title, message, metadata: { ...metadata, plugin: plugin.name } });
      },
      schedule: async (input) => {
        const parsed = parseOrRefuse(scheduleInput, input, { what: 'ctx.notifications.schedule' });
        return scheduleNotification({
          appId: identity.app_id,
          userId: parsed.user_id,
          type: parsed.notification_type,
          title: parsed.title,
          message: parsed.message,
          metadata: { ...parsed.metadata, plugin: plugin.name },
          scheduledFor: parsed.scheduled_for,
          // Keys are namespaced per plugin so two plugins cannot replace each other's jobs.
          key: parsed.key && `${plugin.name}:${parsed.key}`,
        });
      },
      cancel: async ({ user_id, key }) => cancelScheduledNotification(identity.app_id, { userId: user_id, key: `${plugin.name}:${key}` }),
    },
    logger: {
      info: (message, extra) => logger.info(message, fields(extra)),
      warn: (message, extra) => logger.warn(message, fields(extra)),
      error: (message, extra) => logger.error(message, fields(extra)),
    },
    get connectors() {
      connectors ??= connectorsFor(identity, correlationId ?? correlationIdOf(null));
      return connectors;
    },
    http: {
      fetch: (url, init) => pluginFetch({ manifest: plugin.manifest, url, init, signal: signal() }),
    },
    get signal() {
      return signal();
    },
  };
  return withGrantedCapabilities(plugin, context);
}

/** Stand-ins for a capability the plugin may not use: every method refuses, naming what to declare. */
function refusing(plugin: string, capability: PluginCapability): never {
  throw new ApiError('PLUGIN_PERMISSION_DENIED', `Plugin '${plugin}' uses ctx.${capability}, which its plugin.json "capabilities" does not grant`);
}

function refusingObject<T extends object>(plugin: string, capability: PluginCapability): T {
  return new Proxy({} as T, { get: (_target, key) => (typeof key === 'string' ? (capability === 'connectors' && key !== 'mode' ? refusingObject(plugin, capability) : () => refusing(plugin, capability)) : undefined) });
}

/**
 * The capabilities a call may use: those the manifest declares; without a declaration, all of them
 * for a trusted plugin and none for a sandboxed one. Settings, the logger and the signal are always there.
 */
function grantedCapabilities(plugin: LoadedPlugin): ReadonlySet<PluginCapability> {
  return new Set(plugin.manifest.capabilities ?? (isSandboxed(plugin) ? [] : PLUGIN_CAPABILITIES));
}

/** Per manifest and placement, the stand-ins of the capabilities it lacks: made once, not on every call of the Director. */
const deniedByManifest = new WeakMap<LoadedPlugin['manifest'], Map<boolean, PropertyDescriptorMap>>();

function deniedCapabilities(plugin: LoadedPlugin): PropertyDescriptorMap {
  const sandboxed = isSandboxed(plugin);
  let byPlacement = deniedByManifest.get(plugin.manifest);
  if (!byPlacement) deniedByManifest.set(plugin.manifest, (byPlacement = new Map()));
  let denied = byPlacement.get(sandboxed);
  if (!denied) {
    const granted = grantedCapabilities(plugin);
    denied = Object.fromEntries(
      PLUGIN_CAPABILITIES.filter((capability) => !granted.has(capability)).map((capability) => [capability, { value: refusingObject(plugin.name, capability), enumerable: true }]),
    );
    byPlacement.set(sandboxed, denied);
  }
  return denied;
}

function withGrantedCapabilities(plugin: LoadedPlugin, context: PluginContext): PluginContext {
  const denied = deniedCapabilities(plugin);
  return Object.keys(denied).length ? (Object.create(context, denied) as PluginContext) : context;
}
