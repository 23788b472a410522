/**
 * A typed browser client for a plugin's actions. Types come from the plugin's own schemas:
 *
 *   import type notes from '../logic';
 *   const client = pluginClient<typeof notes>('notes');
 *   const { items } = await client.call('list', {});   // input and output typed; failures throw ApiRequestError
 *
 * A page whose manifest preloads a call (`page.preload`) reads the server's result on its first render:
 *
 *   const first = usePreloaded(client, 'list', {});    // the same type as call's, or undefined
 *   const [items, setItems] = useState(first?.items ?? null);
 */
import { requestJson } from '@/lib/http/browser';
import { usePreloadedCall } from './preloaded';
import type { ActionInput, ActionOutput, PluginDefinition } from './sdk';

/** A failed call throws the browser's one error class, with the Director's `detail` and `error_code`. */
export { ApiRequestError, errorMessage } from '@/lib/http/browser';

/** What a call answers when it succeeds. */
export type CallResult<P extends PluginDefinition, A extends keyof P['actions'] & string> = Exclude<ActionOutput<P, A>, { error: string }>;

export interface PluginClient<P extends PluginDefinition> {
  readonly plugin: string;
  call<A extends keyof P['actions'] & string>(action: A, input: ActionInput<P, A>): Promise<CallResult<P, A>>;
}

export function pluginClient<P extends PluginDefinition>(plugin: string): PluginClient<P> {
  return {
    plugin,
    call: (action, input) => requestJson(`/api/execute/${encodeURIComponent(plugin)}`, { body: { ...(input as object), action } }),
  };
}

/**
 * The result of `action` with `input` that the server fetched while rendering the page (the manifest's
 * `page.preload` names it), or undefined: not preloaded, or the preload failed (then call it yourself).
 */
export function usePreloaded<P extends PluginDefinition, A extends keyof P['actions'] & string>(
  client: PluginClient<P>,
  action: A,
  input: ActionInput<P, A>,
): CallResult<P, A> | undefined {
  return usePreloadedCall(client.plugin, action, input) as CallResult<P, A> | undefined;
}
