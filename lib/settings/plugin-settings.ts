/**
 * A user's settings for one plugin: the fields its manifest declares (`settings`), stored in the
 * user's `settings` document under `plugin_settings.<plugin key>` (dots of the name become `_`), read by the plugin as `ctx.settings`.
 * Saving validates against the manifest, so a panel, an API client and the plugin all see the same
 * well-typed values.
 */
import { z } from 'zod';
import type { Identity } from '@/lib/auth/identity';
import { database } from '@/lib/db';
import { publish } from '@/lib/events';
import { pluginKey, type PluginManifest } from '@/lib/plugins/manifest';
import type { CatalogPlugin } from '@/lib/plugins/catalog';

type SettingsField = PluginManifest['settings'][number];
export type PluginSettingsValues = Record<string, string | number | boolean | null>;

interface SettingsDocument {
  [key: string]: unknown;
  plugin_settings?: Record<string, Record<string, unknown>>;
}

function settingsOf(identity: Pick<Identity, 'app_id' | 'user_id'>) {
  return database({ appId: identity.app_id }).forUser(identity.user_id).collection<SettingsDocument>('settings');
}

function fieldSchema(field: SettingsField): z.ZodType {
  const label = field.label;
  switch (field.type) {
    case 'toggle':
      return z.boolean({ error: `${label} must be true or false` });
    case 'number':
      return z.number({ error: `${label} must be a number` }).finite();
    case 'select': {
      const values = (field.options ?? []).map((option) => option.value);
      return z.string().refine((value) => values.includes(value), { message: `${label} must be one of ${values.join(', ')}` });
    }
    case 'email':
      return field.required ? z.email({ error: `${label} must be an email address` }) : z.union([z.literal(''), z.email({ error: `${label} must be an email address` })]);
    default: {
      const text = z.string({ error: `${label} must be text` }).max(field.type === 'textarea' ? 10_000 : 1_000);
      return field.required ? text.trim().min(1, `${label} is required`) : text;
    }
  }
}

/** The schema a plugin's settings are checked against: its declared fields, each optional unless required. */
export function pluginSettingsSchema(manifest: PluginManifest) {
  const shape = Object.fromEntries(manifest.settings.map((field) => [field.id, field.required ? fieldSchema(field) : fieldSchema(field).optional()]));
  return z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown setting(s): ${issue.keys.join(', ')}` : undefined) });
}

/** The declared fields' values: what the user saved, else the manifest's defaults. */
export function withDefaults(manifest: PluginManifest, stored: Record<string, unknown>): PluginSettingsValues {
  return Object.fromEntries(
    manifest.settings.map((field) => {
      const value = Object.hasOwn(stored, field.id) ? stored[field.id] : field.default;
      const scalar = ['string', 'number', 'boolean'].includes(typeof value) ? (value as string | number | boolean) : null;
      return [field.id, scalar];
    }),
  );
}

/** Everything stored for one user and plugin: the panel's values and whatever the plugin saved itself. */
export function storedPluginSettings(identity: Pick<Identity, 'app_id' | 'user_id'>, pluginName: string): Promise<Record<string, unknown>> {
  // Read on many plugin calls (ctx.settings.get): a `then`, not an async function, saves a promise or two each time.
  return settingsOf(identity)
    .findOne({}, { projection: { plugin_settings: 1 } })
    .then((document) => document?.plugin_settings?.[pluginKey(pluginName)] ?? {});
}

/** Replaces what a plugin stored for a user (the plugin's own `ctx.settings.save`). */
export async function replacePluginSettings(identity: Pick<Identity, 'app_id' | 'user_id'>, pluginName: string, values: Record<string, unknown>): Promise<void> {
  await settingsOf(identity).updateOne({}, { $set: { [`plugin_settings.${pluginKey(pluginName)}`]: values } }, { upsert: true });
}

export async function getPluginSettings(identity: Identity, plugin: CatalogPlugin): Promise<PluginSettingsValues> {
  return withDefaults(plugin.manifest, await storedPluginSettings(identity, plugin.name));
}

/** Validates and saves (a partial update over what was stored); returns every field's value. */
export async function savePluginSettings(identity: Identity, plugin: CatalogPlugin, input: unknown): Promise<PluginSettingsValues> {
  const values = pluginSettingsSchema(plugin.manifest).parse(input) as Record<string, unknown>;
  const changes = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined).map(([id, value]) => [`plugin_settings.${pluginKey(plugin.name)}.${id}`, value]));
  if (Object.keys(changes).length) await settingsOf(identity).updateOne({}, { $set: changes }, { upsert: true });
  const scope = { appId: identity.app_id, userId: identity.user_id };
  publish('settings_updated', { user_id: identity.user_id, plugin: plugin.name }, scope);
  publish('plugin_settings_updated', { user_id: identity.user_id, plugin: plugin.name }, scope);
  return getPluginSettings(identity, plugin);
}
