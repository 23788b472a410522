import { z } from 'zod';
import type { Identity } from '@/lib/auth/identity';
import { connectorsFor, type ConnectorBundle } from '@/lib/connectors';
import { correlationIdOf } from '@/lib/http/correlation';
import { database } from '@/lib/db';
import { publish } from '@/lib/events';
import { ApiError } from '@/lib/errors';
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
 * The part of a call's `ctx` that depends only on the plugin and the caller: every capability but
 * the per-call ones (signal, http, connectors). Denied capabilities are already their refusing
 * stand-ins here, so a ctx is one flat object of a fixed shape (see CallContext).
 */
interface BoundContext {
  plugin: LoadedPlugin;
  /** The placement the denials were made for (MOZAIKS_SANDBOX_ALL can change between tests). */
  sandboxed: boolean;
  identity: Identity;
  db: PluginContext['db'];
  settings: PluginContext['settings'];
  realtime: PluginContext['realtime'];
  events: PluginContext['events'];
  notifications: PluginContext['notifications'];
  logger: PluginContext['logger'];
  /** The refusing stand-ins for `http` and `connectors` when denied; undefined when granted. */
  deniedHttp?: PluginContext['http'];
  deniedConnectors?: ConnectorBundle;
}

function bindContext(plugin: LoadedPlugin, identity: Identity, sandboxed: boolean): BoundContext {
  const denied = deniedCapabilities(plugin, sandboxed);
  const app = database({ appId: identity.app_id });
  const shared = app.forPlugin(plugin.name);
  const personal = app.forUser(identity.user_id).forPlugin(plugin.name);
  const fields = (extra?: Record<string, unknown>) => ({ plugin: plugin.name, user_id: identity.user_id, ...extra });
  return {
    plugin,
    sandboxed,
    identity,
    db: (denied.db as PluginContext['db'] | undefined) ?? {
      collection: (name) => shared.collection(name),
      personal: (name) => personal.collection(name),
    },
    settings: {
      get: () => storedPluginSettings(identity, plugin.name).then((stored) => ({ ...withDefaults(plugin.manifest, stored), ...stored })),
      save: (values) => replacePluginSettings(identity, plugin.name, values),
    },
    realtime: (denied.realtime as PluginContext['realtime'] | undefined) ?? {
      sendToUser: (userId, message) => void sendToUser({ appId: identity.app_id, userId, event: `${plugin.name}:update`, message }),
      broadcast: (message) => void broadcastToApp({ appId: identity.app_id, event: `${plugin.name}:update`, message }),
    },
    events: (denied.events as PluginContext['events'] | undefined) ?? {
      publish: (event, data) => {
        publish(pluginEventName(plugin.name, event) as `${string}:${string}`, data, { appId: identity.app_id, userId: identity.user_id });
      },
    },
    notifications: (denied.notifications as PluginContext['notifications'] | undefined) ?? {
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
    deniedHttp: denied.http as PluginContext['http'] | undefined,
    deniedConnectors: denied.connectors as ConnectorBundle | undefined,
  };
}

/**
 * Bound contexts per verified caller and plugin. An API client's identity object is kept by the
 * Bearer cache for a few seconds, so its calls share one; a browser session's identity is made per
 * request and simply gets a fresh one. Nothing in a bound context is per call or mutable.
 */
const bound = new WeakMap<Identity, WeakMap<LoadedPlugin, BoundContext>>();

function boundContext(plugin: LoadedPlugin, identity: Identity): BoundContext {
  let byPlugin = bound.get(identity);
  if (!byPlugin) bound.set(identity, (byPlugin = new WeakMap()));
  const sandboxed = isSandboxed(plugin);
  let context = byPlugin.get(plugin);
  if (context?.sandboxed !== sandboxed) byPlugin.set(plugin, (context = bindContext(plugin, identity, sandboxed)));
  return context;
}

/** Where a call's AbortSignal comes from: made on first use, by the Director's run of the call. */
export interface SignalSource {
  signal(): AbortSignal;
}

/**
 * One call's `ctx`: the bound capabilities as plain fields, and what belongs to the call — its
 * signal, made on first use, and the connectors, built on first use (most calls touch neither) —
 * as getters. A class, not a literal with accessors: it is built on every plugin call, and V8
 * builds a class instance of fixed shape far faster than a literal with getters.
 */
class CallContext implements PluginContext {
  readonly app_id: string;
  readonly user_id: string;
  readonly identity: Identity;
  readonly db: PluginContext['db'];
  readonly settings: PluginContext['settings'];
  readonly realtime: PluginContext['realtime'];
  readonly events: PluginContext['events'];
  readonly notifications: PluginContext['notifications'];
  readonly logger: PluginContext['logger'];
  readonly http: PluginContext['http'];
  #bound: BoundContext;
  #signals: SignalSource;
  #correlationId: string | undefined;
  #connectors: ConnectorBundle | undefined;

  constructor(context: BoundContext, signals: SignalSource, correlationId: string | undefined) {
    this.app_id = context.identity.app_id;
    this.user_id = context.identity.user_id;
    this.identity = context.identity;
    this.db = context.db;
    this.settings = context.settings;
    this.realtime = context.realtime;
    this.events = context.events;
    this.notifications = context.notifications;
    this.logger = context.logger;
    this.http = context.deniedHttp ?? { fetch: (url, init) => pluginFetch({ manifest: context.plugin.manifest, url, init, signal: signals.signal() }) };
    this.#bound = context;
    this.#signals = signals;
    this.#correlationId = correlationId;
  }

  get connectors(): ConnectorBundle {
    this.#connectors ??= this.#bound.deniedConnectors ?? connectorsFor(this.identity, this.#correlationId ?? correlationIdOf(null));
    return this.#connectors;
  }

  get signal(): AbortSignal {
    return this.#signals.signal();
  }
}

/**
 * Builds the `ctx` a plugin call receives: its own scoped collections, its settings, sockets, a logger,
 * and the platform connectors bound to the caller (their token and the request's correlation id);
 * only the capabilities its manifest grants (the others refuse, naming what to declare).
 * `signals` makes the call's AbortSignal on first use.
 */
export function pluginContext({ plugin, identity, signals, correlationId }: { plugin: LoadedPlugin; identity: Identity; signals: SignalSource; correlationId?: string }): PluginContext {
  return new CallContext(boundContext(plugin, identity), signals, correlationId);
}

/** Stand-ins for a capability the plugin may not use: every method refuses, naming what to declare. */
function refusing(plugin: string, capability: PluginCapability): never {
  throw new ApiError('PLUGIN_PERMISSION_DENIED', `Plugin '${plugin}' uses ctx.${capability}, which its plugin.json "capabilities" does not grant`);
}

/**
 * Every method refuses; the connectors' stand-in has a level of services first (`ctx.connectors.payment`),
 * whose methods refuse, and reading its `mode` refuses too. Never a thenable, so awaiting one is harmless.
 */
function refusingObject<T extends object>(plugin: string, capability: PluginCapability, services = capability === 'connectors'): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      if (typeof key !== 'string' || key === 'then') return undefined;
      if (!services) return () => refusing(plugin, capability);
      return key === 'mode' ? refusing(plugin, capability) : refusingObject(plugin, capability, false);
    },
  });
}

/**
 * The capabilities a call may use: those the manifest declares; without a declaration, all of them
 * for a trusted plugin and none for a sandboxed one. Settings, the logger and the signal are always there.
 */
function grantedCapabilities(plugin: LoadedPlugin, sandboxed: boolean): ReadonlySet<PluginCapability> {
  return new Set(plugin.manifest.capabilities ?? (sandboxed ? [] : PLUGIN_CAPABILITIES));
}

type DeniedCapabilities = Partial<Record<PluginCapability, unknown>>;

/** Per manifest and placement, the stand-ins of the capabilities it lacks: made once, not on every call of the Director. */
const deniedByManifest = new WeakMap<LoadedPlugin['manifest'], Map<boolean, DeniedCapabilities>>();

function deniedCapabilities(plugin: LoadedPlugin, sandboxed: boolean): DeniedCapabilities {
  let byPlacement = deniedByManifest.get(plugin.manifest);
  if (!byPlacement) deniedByManifest.set(plugin.manifest, (byPlacement = new Map()));
  let denied = byPlacement.get(sandboxed);
  if (!denied) {
    const granted = grantedCapabilities(plugin, sandboxed);
    denied = Object.fromEntries(PLUGIN_CAPABILITIES.filter((capability) => !granted.has(capability)).map((capability) => [capability, refusingObject(plugin.name, capability)]));
    byPlacement.set(sandboxed, denied);
  }
  return denied;
}
