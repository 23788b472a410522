import { declareCollection } from '@/lib/db/declare';

/**
 * `plugin_states`: one document per plugin an operator enabled or disabled (`_id` = plugin name).
 * Kept apart from the generated registry, so regenerating it never resets an operator's choice; a
 * plugin without a document is enabled.
 */
export const pluginStatesCollection = declareCollection({
  name: 'plugin_states',
  scope: 'app',
  indexes: [],
});
