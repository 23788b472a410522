/**
 * The event bus: publish and subscribe, in this process, with an optional transport (Redis) that
 * carries events to the other instances of the app.
 *
 * - `publish` never blocks and never throws at its caller for a subscriber's sake: delivery starts
 *   on the next turn of the event loop.
 * - Each subscriber runs isolated: its error is logged, retried with backoff (EVENT_RETRY_DELAYS_MS)
 *   and counted, and the other subscribers are unaffected.
 * - An event is handled once, by the subscribers of the instance that published it. Subscribers that
 *   keep per-instance state (caches) pass `everyInstance: true` to also receive other instances' events.
 * - Subscribers have an id; subscribing again under the same id replaces the earlier handler, so dev
 *   hot reload and the server's separate module copy (see lib/runtime/global.ts) never double-deliver.
 */
import { randomUUID } from 'node:crypto';
import { keepAliveUntilSettled } from '@/lib/runtime/after-response';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';
import { coreEvents, isCoreEvent, isPluginEventName, type EventData, type EventName } from './catalog';

/** Waits between a failed delivery and its retries (the reference's 0.5 s, 1 s, 2 s). */
export const EVENT_RETRY_DELAYS_MS = [500, 1_000, 2_000] as const;
/** Events remembered per name for `eventHistory`. */
export const EVENT_HISTORY_SIZE = 100;

/** An event as subscribers and other instances receive it. */
export interface EventEnvelope<N extends EventName = EventName> {
  id: string;
  name: N;
  data: EventData<N>;
  app_id: string;
  /** The user whose action caused the event, when there is one. */
  user_id: string | null;
  published_at: string;
  /** The instance that published it. */
  origin: string;
}

export type EventHandler<N extends EventName> = (data: EventData<N>, event: EventEnvelope<N>) => unknown;

export interface SubscribeOptions {
  /** Stable id, for logs and to replace an earlier subscription (hot reload). */
  id: string;
  /** Also receive events published on other instances (for per-instance state such as caches). */
  everyInstance?: boolean;
}

/** Carries events between instances; `lib/realtime/redis.ts` is the implementation (REDIS_URL). */
export interface EventTransport {
  send(envelope: EventEnvelope): Promise<void>;
}

interface Subscription {
  id: string;
  everyInstance: boolean;
  handler: (data: unknown, event: EventEnvelope) => unknown;
}

export interface EventStats {
  events_published: number;
  events_delivered: number;
  delivery_failures: number;
  events_by_type: Record<string, number>;
}

const state = processSingleton('events', () => ({
  instanceId: randomUUID(),
  subscriptions: new Map<string, Map<string, Subscription>>(),
  /** Per name, newest last; `at` in epoch milliseconds, made into a date only when the history is read. */
  history: new Map<string, { at: number; data: unknown }[]>(),
  stats: { events_published: 0, events_delivered: 0, delivery_failures: 0, events_by_type: {} } as EventStats,
  pending: new Set<Promise<void>>(),
  transport: undefined as EventTransport | undefined,
}));

/**
 * The wall clock in milliseconds, cheaply: every plugin call publishes an event, and under Next
 * both `new Date()` and `Date.now()` go through a wrapper that tracks clock reads (several
 * microseconds for a Date). The wall clock is read once a second and `performance.now()` counts from it.
 */
const clock = { syncedAt: -Infinity, offset: 0 };
function epochNow(): number {
  const monotonic = performance.now();
  if (monotonic - clock.syncedAt >= 1000) {
    clock.syncedAt = monotonic;
    clock.offset = Date.now() - monotonic;
  }
  return Math.floor(monotonic + clock.offset);
}

/** `epochNow()` as ISO 8601; the part up to the second is made once a second (a Date under Next costs several microseconds). */
const formatted = { second: -1, prefix: '' };
function isoOf(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== formatted.second) {
    formatted.second = second;
    formatted.prefix = new Date(second * 1000).toISOString().slice(0, -4);
  }
  return `${formatted.prefix}${String(ms % 1000).padStart(3, '0')}Z`;
}

/** Payloads are checked where a mistake can be seen and fixed (development, tests); in production the types have vouched for them. */
const CHECK_CORE_PAYLOADS = process.env.NODE_ENV !== 'production';

/**
 * Publishes an event; returns at once. Core payloads are checked against the catalog outside
 * production (a mistake there is a bug, so it throws); in production a plugin call is never failed
 * over the event it reports, and the check was a third of what publishing costs.
 */
export function publish<N extends EventName>(name: N, data: EventData<N>, options: { appId: string; userId?: string | null }): void {
  let payload: unknown = data;
  if (isCoreEvent(name)) {
    if (CHECK_CORE_PAYLOADS) payload = coreEvents[name].parse(data);
  } else if (!isPluginEventName(name)) throw new Error(`Event name "${name}" is neither a core event nor <plugin>:<past_tense>`);
  const publishedAt = epochNow();
  record(name, publishedAt, payload);
  const transport = state.transport;
  // Most events (plugin_executed on every plugin call) reach no one: no envelope to make, no id to draw.
  if (!transport && !state.subscriptions.get(name)?.size) return;
  const envelope = {
    id: randomUUID(),
    name,
    data: payload as EventData<N>,
    app_id: options.appId,
    user_id: options.userId ?? null,
    published_at: isoOf(publishedAt),
    origin: state.instanceId,
  } satisfies EventEnvelope<N> as EventEnvelope;
  deliver(envelope, { remote: false });
  if (transport) {
    keepAliveUntilSettled(transport.send(envelope).catch((error: unknown) => logger.warn('event not sent to other instances', { event: name, error })));
  }
}

/** Subscribes to one event by exact name; returns a function that unsubscribes. */
export function subscribe<N extends EventName>(name: N, handler: EventHandler<N>, options: SubscribeOptions): () => void {
  let byId = state.subscriptions.get(name);
  if (!byId) {
    byId = new Map();
    state.subscriptions.set(name, byId);
  }
  const subscription: Subscription = { id: options.id, everyInstance: options.everyInstance ?? false, handler: handler as Subscription['handler'] };
  byId.set(options.id, subscription);
  return () => {
    if (state.subscriptions.get(name)?.get(options.id) === subscription) state.subscriptions.get(name)?.delete(options.id);
  };
}

/** Delivers an event another instance published (called by the transport). */
export function receiveRemoteEvent(envelope: EventEnvelope): void {
  if (envelope.origin === state.instanceId) return;
  deliver(envelope, { remote: true });
}

export function setEventTransport(transport: EventTransport | undefined): void {
  state.transport = transport;
}

export function eventTransport(): EventTransport | undefined {
  return state.transport;
}

/** This instance's id, as it appears in `origin`. */
export function instanceId(): string {
  return state.instanceId;
}

/** Counters since start-up (the reference's `get_stats`). */
export function eventStats(): EventStats {
  return structuredClone(state.stats);
}

/** The latest events of one name (or of all names), newest last. */
export function eventHistory(name?: string, limit = 10): { name: string; published_at: string; data: unknown }[] {
  const names = name ? [name] : [...state.history.keys()];
  return names
    .flatMap((eventName) => (state.history.get(eventName) ?? []).slice(-EVENT_HISTORY_SIZE).map(({ at, data }) => ({ name: eventName, at, data })))
    .sort((a, b) => a.at - b.at)
    .slice(-limit)
    .map(({ name: eventName, at, data }) => ({ name: eventName, published_at: new Date(at).toISOString(), data }));
}

/** Resolves when every delivery under way (retries included) has finished, or after `timeoutMs`. */
export async function eventsSettled(timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (state.pending.size > 0) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...state.pending]), new Promise((resolve) => (timer = setTimeout(resolve, remaining)))]);
    clearTimeout(timer);
  }
  return true;
}

function record(name: string, at: number, data: unknown): void {
  const { stats } = state;
  stats.events_published += 1;
  stats.events_by_type[name] = (stats.events_by_type[name] ?? 0) + 1;
  let items = state.history.get(name);
  if (!items) {
    items = [];
    state.history.set(name, items);
  }
  items.push({ at, data });
  // Trimmed in batches, not on every push: one splice per EVENT_HISTORY_SIZE events keeps recording cheap.
  if (items.length >= 2 * EVENT_HISTORY_SIZE) items.splice(0, items.length - EVENT_HISTORY_SIZE);
}

function deliver(envelope: EventEnvelope, { remote }: { remote: boolean }): void {
  const byId = state.subscriptions.get(envelope.name);
  // Most events (plugin_executed on every plugin call) have no subscriber: nothing to copy or schedule.
  if (!byId?.size) return;
  const subscribers = [...byId.values()].filter((subscription) => !remote || subscription.everyInstance);
  for (const subscription of subscribers) {
    const delivery = runWithRetries(subscription, envelope).finally(() => state.pending.delete(delivery));
    state.pending.add(delivery);
    // Subscribers run after the publisher's request has answered: the host must wait for them.
    keepAliveUntilSettled(delivery);
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runWithRetries(subscription: Subscription, envelope: EventEnvelope): Promise<void> {
  // Next turn of the event loop: a synchronous subscriber must not run inside the publisher's call.
  await new Promise((resolve) => setImmediate(resolve));
  for (let attempt = 0; ; attempt += 1) {
    try {
      await subscription.handler(structuredClone(envelope.data), envelope);
      state.stats.events_delivered += 1;
      return;
    } catch (error) {
      const delay = EVENT_RETRY_DELAYS_MS[attempt];
      const fields = { event: envelope.name, subscriber: subscription.id, attempt: attempt + 1, error };
      if (delay === undefined) {
        state.stats.delivery_failures += 1;
        logger.error('event subscriber failed; giving up', fields);
        return;
      }
      logger.warn(`event subscriber failed; retrying in ${delay} ms`, fields);
      await wait(delay);
    }
  }
}
