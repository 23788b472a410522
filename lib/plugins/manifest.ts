import { z } from 'zod';
import { appPath, iconName, identifier } from '@/lib/config/schemas/common';
import { notificationTypeSchema } from '@/lib/config/schemas/notifications';

/**
 * A plugin's name: its folder's name, used in URLs and as its collections' prefix. Dots separate
 * namespaces, as in the platform's `moz.platform.hosting`; each part starts with a letter.
 */
export const pluginName = z
  .string()
  .regex(
    /^(?=.{2,48}$)[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/,
    'must be 2-48 characters of lower-case letters, digits and "_", starting with a letter (dots may separate parts, as in "moz.platform.hosting")',
  );

/**
 * The name as an identifier, where a dot cannot go: generated imports, collection prefixes, settings
 * keys (a dot there would nest the document). The registry generator refuses two plugins whose keys
 * meet, so the mapping stays one-to-one within a build.
 */
export function pluginKey(name: string): string {
  return name.replaceAll('.', '_');
}

const settingsFieldSchema = z.looseObject({
  id: identifier,
  label: z.string().min(1),
  type: z.enum(['text', 'textarea', 'number', 'toggle', 'select', 'email']),
  description: z.string().optional(),
  default: z.unknown().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  required: z.boolean().optional(),
});

const limitAmount = z.number().int().min(-1, 'must be -1 (unlimited) or more');

/**
 * What each plan tier of a plugin may do (the original's per-plugin entitlements.yaml, as JSON):
 * features that are on or off, and limits — `consumable` ones counted per period, `cap`s compared
 * with what the action asks for. Tiers come from the plan (`plugins` in subscription_config.json,
 * else the plan's name) and may inherit from another tier.
 */
export const entitlementsSchema = z
  .looseObject({
    features: z.record(identifier, z.looseObject({ description: z.string().optional(), default: z.boolean().default(true) })).default({}),
    limits: z
      .record(
        identifier,
        z.looseObject({
          description: z.string().optional(),
          type: z.enum(['consumable', 'cap']).default('consumable'),
          /** When a consumable's count starts again; `never`: a lifetime allowance. */
          reset: z.enum(['daily', 'weekly', 'monthly', 'never']).default('monthly'),
          default: limitAmount.default(0),
        }),
      )
      .default({}),
    tiers: z
      .record(identifier, z.looseObject({ inherits: identifier.optional(), features: z.record(identifier, z.boolean()).default({}), limits: z.record(identifier, limitAmount).default({}) }))
      .default({}),
    actions: z
      .record(z.string().min(1), z.looseObject({ requires_features: z.array(identifier).default([]), consumes: z.record(identifier, z.number().int().positive()).default({}) }))
      .default({}),
  })
  .superRefine((entitlements, ctx) => {
    for (const [tier, definition] of Object.entries(entitlements.tiers)) {
      if (definition.inherits && !Object.hasOwn(entitlements.tiers, definition.inherits)) {
        ctx.addIssue({ code: 'custom', path: ['tiers', tier, 'inherits'], message: `"${definition.inherits}" is not a tier of this plugin` });
      }
    }
    for (const [action, definition] of Object.entries(entitlements.actions)) {
      for (const feature of definition.requires_features) {
        if (!Object.hasOwn(entitlements.features, feature)) ctx.addIssue({ code: 'custom', path: ['actions', action, 'requires_features'], message: `"${feature}" is not a declared feature` });
      }
      for (const limit of Object.keys(definition.consumes)) {
        if (!Object.hasOwn(entitlements.limits, limit)) ctx.addIssue({ code: 'custom', path: ['actions', action, 'consumes'], message: `"${limit}" is not a declared limit` });
      }
    }
  });

export type PluginEntitlements = z.output<typeof entitlementsSchema>;

/** What a plugin may reach through `ctx`, by name (see `capabilities`). */
export const PLUGIN_CAPABILITIES = ['db', 'events', 'notifications', 'realtime', 'connectors', 'http'] as const;
export type PluginCapability = (typeof PLUGIN_CAPABILITIES)[number];

/** `plugins/<name>/plugin.json`: what the shell needs to know about a plugin without running it. */
export const pluginManifestSchema = z.looseObject({
  name: pluginName,
  version: z.string().regex(/^\d+\.\d+\.\d+([-+].*)?$/, 'must be a semantic version such as "1.0.0"'),
  display_name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(300).default(''),
  icon: iconName.optional(),
  /** The sidebar entry; its path defaults to /plugins/<name>. */
  navigation: z
    .looseObject({
      label: z.string().trim().min(1).max(60),
      path: appPath.optional(),
      icon: iconName.optional(),
      /** The sidebar section: `apps` (the app's own features) or `platform` (the moz.platform.* plugins, services of a Mozaiks platform). */
      section: z.enum(['apps', 'platform']).default('apps'),
    })
    .optional(),
  /**
   * What the plugin's page shows first, fetched while the server renders the page: up to 4 calls of its
   * own actions with fixed inputs, run through the Director as the user (so with the same checks and
   * injected context as a call from the browser). The page reads them with `usePreloaded`
   * (lib/plugins/client.ts) and has its data in the first HTML instead of after a round trip; a call
   * that fails or is slow is left to the page (lib/director/preload.ts).
   */
  page: z
    .looseObject({
      preload: z
        .array(z.strictObject({ action: z.string().min(1).max(100), input: z.record(z.string(), z.unknown()).default({}) }))
        .max(4)
        .default([]),
    })
    .optional(),
  /** Fields of the plugin's settings panel, stored per user. */
  settings: z.array(settingsFieldSchema).default([]),
  /** Notification types the plugin sends, as in notifications_config.json. */
  notifications: z.array(notificationTypeSchema).default([]),
  /** Roles allowed to use it (any of them; superadmins always may). Empty: every signed-in user. */
  required_roles: z.array(z.string().min(1)).default([]),
  /**
   * The plugin shows only services of a Mozaiks platform (hosting, discovery…): when none manages the app
   * and there is no sample data (production; see lib/connectors/mode.ts), its sidebar entry is hidden and
   * its page answers 404. Its actions still answer, saying the service is not available.
   */
  requires_platform: z.boolean().default(false),
  /** Features and limits per plan tier, enforced by the Director when MONETIZATION=1. */
  entitlements: entitlementsSchema.optional(),
  /**
   * Run the plugin's server code in a sandbox (its own processes, see lib/plugins/sandbox): for code
   * you did not write. Its logic is then never loaded into the server's own process.
   */
  sandbox: z.boolean().default(false),
  /**
   * The `ctx` capabilities the plugin uses, beyond its own settings, logger and signal. A sandboxed
   * plugin gets only these; a trusted one that declares them is held to them too, so it behaves the
   * same either way. Unset: everything for a trusted plugin, nothing for a sandboxed one.
   */
  capabilities: z.array(z.enum(PLUGIN_CAPABILITIES)).optional(),
  /** Hosts `ctx.http.fetch` may reach (exact names, or `*.example.com` for its subdomains); needs the `http` capability. */
  http_hosts: z.array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i, 'must be a host name such as "api.example.com" or "*.example.com"')).default([]),
  /** Calls one user may make per minute. */
  rate_limit: z.looseObject({ requests_per_minute: z.number().int().min(1).max(100_000) }).default({ requests_per_minute: 120 }),
});

export type PluginManifest = z.output<typeof pluginManifestSchema>;
