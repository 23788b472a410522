/**
 * A typed browser client for a plugin's actions. Types come from the plugin's own schemas:
 *
 *   import type notes from '../logic';
 *   const client = pluginClient<typeof notes>('notes');
 *   const { items } = await client.call('list', {});   // input and output typed
 */
import type { ActionInput, ActionOutput, PluginDefinition } from './sdk';

/** An action's failure as the Director reported it. */
export class PluginCallError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'PluginCallError';
  }
}

export function pluginClient<P extends PluginDefinition>(plugin: string) {
  return {
    async call<A extends keyof P['actions'] & string>(
      action: A,
      input: ActionInput<P, A>,
    ): Promise<Exclude<ActionOutput<P, A>, { error: string }>> {
      const response = await fetch(`/api/execute/${encodeURIComponent(plugin)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(input as object), action }),
      });
      const body = await response.json().catch(() => ({ detail: response.statusText, error_code: 'BAD_RESPONSE' }));
      if (!response.ok) throw new PluginCallError(response.status, body.error_code ?? 'ERROR', body.detail ?? 'The request failed');
      return body;
    },
  };
}
