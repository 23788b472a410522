import type { Identity } from '@/lib/auth/identity';
import { database } from '@/lib/db';
import type { LoadedPlugin } from '@/lib/plugins/registry';
import type { PluginContext } from '@/lib/plugins/sdk';
import { sendToUser } from '@/lib/realtime/send';
import { logger } from '@/lib/runtime/logger';

interface SettingsDocument {
  [key: string]: unknown;
  plugin_settings?: Record<string, Record<string, unknown>>;
}

/** Builds the `ctx` a plugin call receives: its own scoped collections, its settings, sockets and a logger. */
export function pluginContext({ plugin, identity, signal }: { plugin: LoadedPlugin; identity: Identity; signal: AbortSignal }): PluginContext {
  const app = database({ appId: identity.app_id });
  const shared = app.forPlugin(plugin.name);
  const personal = app.forUser(identity.user_id).forPlugin(plugin.name);
  const settings = app.forUser(identity.user_id).collection<SettingsDocument>('settings');
  const fields = (extra?: Record<string, unknown>) => ({ plugin: plugin.name, user_id: identity.user_id, ...extra });
  return {
    app_id: identity.app_id,
    user_id: identity.user_id,
    identity,
    db: {
      collection: (name) => shared.collection(name),
      personal: (name) => personal.collection(name),
    },
    settings: {
      get: async () => (await settings.findOne({}))?.plugin_settings?.[plugin.name] ?? {},
      save: async (values) => {
        await settings.updateOne({}, { $set: { [`plugin_settings.${plugin.name}`]: values } }, { upsert: true });
      },
    },
    realtime: {
      sendToUser: (userId, message) => sendToUser({ appId: identity.app_id, userId, event: `${plugin.name}:update`, message }),
    },
    logger: {
      info: (message, extra) => logger.info(message, fields(extra)),
      warn: (message, extra) => logger.warn(message, fields(extra)),
      error: (message, extra) => logger.error(message, fields(extra)),
    },
    signal,
  };
}
