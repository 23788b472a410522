/** Plugins: the Director (every plugin call), and what a user may use. */
import { z } from 'zod';
import { executePlugin } from '@/lib/director';
import { getPlugin, getPlugins, type LoadedPlugin } from '@/lib/plugins/registry';
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
  body: z.record(z.string(), z.unknown()).describe('`action`, the action to run, and its input'),
  output: z.unknown().describe("The action's result"),
  variants: () => [...getPlugins().values()].map(pluginVariant),
  errors: ['UNKNOWN_ACTION', 'PLUGIN_REFUSED', 'NOT_FOUND', 'FORBIDDEN', 'FEATURE_GATED', 'LIMIT_EXCEEDED', 'RATE_LIMITED', 'PLUGIN_ERROR', 'PLUGIN_TIMEOUT', 'PLUGIN_CRASHED', 'PLUGIN_MEMORY_LIMIT', 'PLUGIN_PERMISSION_DENIED'],
  // Not an async function: every plugin call passes here, and each await costs (see executePlugin).
  handler: ({ params, identity, body, correlationId }) => executePlugin({ plugin: getPlugin(params.plugin), pluginName: params.plugin, identity, body, correlationId }),
});
