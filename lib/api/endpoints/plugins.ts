/** Plugins: the Director (every plugin call), what a user may use, and their settings for each. */
import { z } from 'zod';
import type { Identity } from '@/lib/auth/identity';
import { executePlugin } from '@/lib/director';
import { pluginAccess, pluginListing, usablePlugin } from '@/lib/plugins/access';
import { getPlugin, getPlugins, type LoadedPlugin } from '@/lib/plugins/registry';
import { getPluginSettings, savePluginSettings } from '@/lib/settings/plugin-settings';
import { endpoint, type EndpointVariant } from '../endpoint';

/** A plugin's path in the reference: its actions' input schemas, one of which a call's body matches. */
function pluginVariant(plugin: LoadedPlugin): EndpointVariant {
  const actions = Object.entries(plugin.module?.default?.actions ?? {});
  const summary = `${plugin.manifest.display_name}: run an action`;
  const path = `/api/execute/${plugin.name}`;
  // Sandboxed-only plugins and the original execute(data) contract declare no schemas here.
  if (!actions.length) return { path, summary, description: plugin.manifest.description };
  const bodies = actions.map(([name, declared]): z.ZodType => {
    const tagged = z.object({ action: z.literal(name) });
    const body = declared.input instanceof z.ZodObject ? declared.input.extend(tagged.shape) : tagged.and(declared.input);
    return declared.description ? body.describe(declared.description) : body;
  });
  return {
    path,
    summary,
    description: [plugin.manifest.description, `Actions: ${actions.map(([name]) => `\`${name}\``).join(', ')}.`].filter(Boolean).join(' '),
    body: bodies.length === 1 ? bodies[0]! : z.union(bodies),
  };
}

export const execute = endpoint({
  method: 'POST',
  path: '/api/execute/{plugin}',
  tags: ['Director'],
  summary: 'Run a plugin action',
  description:
    "Runs `action` of the plugin with the rest of the body as its input (checked by the action's schema). A plugin's `{error, error_code}` result becomes a 4xx; each plugin's own path below lists its actions.",
  params: z.object({ plugin: z.string().describe('The plugin’s name, as in its plugin.json') }),
  // Any object: the Director reads `action` and answers 400 UNKNOWN_ACTION itself (with the plugin's actions).
  // Passed through as parsed (no copy on the hot path): described as an object, which readJson already holds it to.
  body: z.unknown().meta({ type: 'object', description: '`action`, the action to run, and its input' }),
  output: z.unknown().describe("The action's result"),
  variants: () => [...getPlugins().values()].map(pluginVariant),
  errors: ['UNKNOWN_ACTION', 'PLUGIN_REFUSED', 'NOT_FOUND', 'FORBIDDEN', 'FEATURE_GATED', 'LIMIT_EXCEEDED', 'RATE_LIMITED', 'PLUGIN_ERROR', 'PLUGIN_TIMEOUT', 'PLUGIN_CRASHED', 'PLUGIN_MEMORY_LIMIT', 'PLUGIN_PERMISSION_DENIED'],
  // Not an async function: every plugin call passes here, and each await costs (see executePlugin).
  handler: ({ params, identity, body, correlationId }) => executePlugin({ plugin: getPlugin(params.plugin), pluginName: params.plugin, identity, body, correlationId }),
});

const pluginParams = z.object({ plugin: z.string().describe('The plugin’s name, as in its plugin.json') });

/** lib/plugins/access's pluginListing. */
const listingSchema = z.object({
  name: z.string(),
  display_name: z.string(),
  description: z.string(),
  version: z.string(),
  icon: z.string().nullable().describe('A Lucide icon name'),
  enabled: z.literal(true).describe('Always true: only enabled plugins are listed'),
  navigation: z.object({ label: z.string(), path: z.string() }),
});

/** The list and its alias answer alike. */
const listing = {
  tags: ['Plugins'],
  description: 'Enabled plugins the user may use: their roles, and with MONETIZATION=1 their plan.',
  output: z.object({ plugins: z.array(listingSchema) }),
  handler: async ({ identity }: { identity: Identity }) => {
    const allows = await pluginAccess(identity);
    return { plugins: [...getPlugins().values()].filter(allows).map(pluginListing) };
  },
};

export const listAvailablePlugins = endpoint({
  method: 'GET',
  path: '/api/available-plugins',
  summary: 'The plugins the signed-in user may use',
  ...listing,
});

export const listPlugins = endpoint({
  method: 'GET',
  path: '/api/plugins',
  summary: "The plugins the signed-in user may use (the original's v1 alias of /api/available-plugins)",
  ...listing,
});

export const checkPluginAccess = endpoint({
  method: 'GET',
  path: '/api/check-plugin-access/{plugin}',
  tags: ['Plugins'],
  summary: 'Whether the signed-in user may use a plugin',
  description: 'A plugin this app does not have answers `access: false`, not 404.',
  params: pluginParams,
  output: z.object({ plugin: z.string(), access: z.boolean() }),
  handler: async ({ params, identity }) => {
    const plugin = getPlugin(params.plugin);
    return { plugin: params.plugin, access: plugin ? (await pluginAccess(identity))(plugin) : false };
  },
});

const settingsValues = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .describe("Every field the plugin's manifest declares under `settings`: the user's value, else the field's default (null without one)");

export const getUserPluginSettings = endpoint({
  method: 'GET',
  path: '/api/plugin-settings/{plugin}',
  tags: ['Plugins'],
  summary: "The signed-in user's settings for one plugin (its settings panel)",
  params: pluginParams,
  output: settingsValues,
  errors: ['NOT_FOUND', 'FEATURE_GATED'],
  handler: async ({ params, identity }) => getPluginSettings(identity, await usablePlugin(identity, params.plugin, getPlugin(params.plugin))),
});

export const saveUserPluginSettings = endpoint({
  method: 'POST',
  path: '/api/plugin-settings/{plugin}',
  tags: ['Plugins'],
  summary: "Save the signed-in user's settings for one plugin (its settings panel)",
  description: "Any subset of the fields the plugin's manifest declares under `settings`, each checked against its declaration; an undeclared key answers 422.",
  params: pluginParams,
  // Checked against the plugin's own manifest once the plugin is known (lib/settings/plugin-settings.ts).
  body: z.unknown().describe("Field ids of the plugin's `settings` and their values"),
  output: z.object({ success: z.literal(true), message: z.literal('Settings saved successfully'), settings: settingsValues }),
  errors: ['NOT_FOUND', 'FEATURE_GATED'],
  handler: async ({ params, identity, body }) => {
    const plugin = await usablePlugin(identity, params.plugin, getPlugin(params.plugin));
    return { success: true, message: 'Settings saved successfully', settings: await savePluginSettings(identity, plugin, body) };
  },
});
