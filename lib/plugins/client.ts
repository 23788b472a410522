/**
 * A typed browser client for a plugin's actions. Types come from the plugin's own schemas:
 *
 *   import type notes from '../logic';
 *   const client = pluginClient<typeof notes>('notes');
 *   const { items } = await client.call('list', {});   // input and output typed; failures throw ApiRequestError
 */
import { requestJson } from '@/lib/http/browser';
import type { ActionInput, ActionOutput, PluginDefinition } from './sdk';

/** A failed call throws the browser's one error class, with the Director's `detail` and `error_code`. */
export { ApiRequestError, errorMessage } from '@/lib/http/browser';

export function pluginClient<P extends PluginDefinition>(plugin: string) {
  return {
    async call<A extends keyof P['actions'] & string>(
      action: A,
      input: ActionInput<P, A>,
    ): Promise<Exclude<ActionOutput<P, A>, { error: string }>> {
      return requestJson(`/api/execute/${encodeURIComponent(plugin)}`, { body: { ...(input as object), action } });
    },
  };
}
