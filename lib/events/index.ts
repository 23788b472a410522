/**
 * The event bus's public surface. Core code publishes catalog events; plugins publish
 * `<plugin>:<past_tense>` through `ctx.events.publish` and subscribe in `definePlugin({ on })`.
 */
export {
  EVENT_HISTORY_SIZE,
  EVENT_RETRY_DELAYS_MS,
  eventHistory,
  eventStats,
  eventsSettled,
  publish,
  subscribe,
  type EventEnvelope,
  type EventHandler,
  type EventStats,
} from './bus';
export { coreEvents, isCoreEvent, isPluginEventName, type CoreEventName, type EventData, type EventName, type PluginEventName } from './catalog';
