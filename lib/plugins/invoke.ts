/**
 * Running a plugin's code once its call is ready: a definePlugin action (its input validated by its
 * own schema) or the original `execute(data)`. Shared by the Director, for trusted plugins, and the
 * sandbox process, for sandboxed ones, so both behave alike; it imports nothing of the runtime.
 */
import { ApiError } from '@/lib/errors';
import type { PluginContext, PluginModule } from './sdk';

/** Fields the runtime sets on every call; whatever the client sent under these names is replaced. */
export const INJECTED_FIELDS = ['app_id', 'user_id', '_context', 'user_jwt', '_entitlements'] as const;

/** What an action's input never contains: the injected fields and the action's own name. */
const NOT_INPUT: ReadonlySet<string> = new Set([...INJECTED_FIELDS, 'action']);

/** A call as the plugin's code receives it. */
export interface PluginInvocation {
  name: string;
  module: PluginModule;
  /** What the client sent: the action's name and its input (the injected fields, if any, are ignored). */
  fields: Record<string, unknown>;
  /** The call's whole data, the server's fields injected: made only for the original `execute(data)` form. */
  data: () => Record<string, unknown>;
  ctx: PluginContext;
}

/**
 * Runs the call; throws at once (unknown action, invalid input) rather than rejecting, and returns
 * whatever the plugin returns — a promise or a value — without wrapping it in another promise.
 * A definePlugin action reads the caller from `ctx`, so its call never builds the injected data.
 */
export function invokePlugin({ name, module, fields, data, ctx }: PluginInvocation): unknown {
  const definition = module.default;
  if (definition?.actions) {
    const actionName = typeof fields.action === 'string' ? fields.action : '';
    const action = Object.hasOwn(definition.actions, actionName) ? definition.actions[actionName] : undefined;
    if (!action) {
      throw new ApiError('UNKNOWN_ACTION', `Unknown action '${actionName}' for plugin '${name}'. Actions: ${Object.keys(definition.actions).join(', ')}`, {
        extra: { actions: Object.keys(definition.actions) },
      });
    }
    // Copied without the runtime's fields, not copied and then deleted from: deleting makes a slow object of every input.
    const input: Record<string, unknown> = {};
    for (const field of Object.keys(fields)) if (!NOT_INPUT.has(field)) input[field] = fields[field];
    const parsed = action.input.safeParse(input);
    if (!parsed.success) throw parsed.error;
    return action.handler(parsed.data, ctx);
  }
  const execute = module.execute ?? module.run;
  if (!execute) throw new Error(`Plugin ${name} has no execute() or run()`);
  return execute(data(), ctx);
}
