/**
 * Event-loop stalls, seen from a timer. A trusted plugin's synchronous work (a 35 s loop) holds the
 * whole server: /health, sockets and every other call wait, and nothing in the server can stop it.
 * This cannot prevent that (the sandbox does: docs/plugins.md), but it says it happened and what ran,
 * so an operator can find the plugin. A timer that lags is cheaper than `monitorEventLoopDelay`'s
 * histogram and tells the moment a stall ends, which is when what ran can still be named.
 */
import { processSingleton } from './global';
import { logger } from './logger';

/** A loop blocked this long is logged. */
export const STALL_THRESHOLD_MS = 1_000;
/** How often the timer looks; a stall is seen at most this late. */
const TICK_MS = 250;
/** What a stall's log lists at most from those who saw it end (calls that answered during it). */
const MAX_NOTED = 20;

/** Names work in progress: a module that runs others' code (the Director) describes its calls in flight. */
export type StallWitness = () => Record<string, unknown>[];

const monitor = processSingleton('event-loop-monitor', () => ({
  timer: undefined as NodeJS.Timeout | undefined,
  /** `performance.now()` at the last tick; Infinity while the monitor is off, so no stall is ever seen. */
  lastTick: Infinity,
  /** What ended during the stall in progress, noted by `noteDuringStall`. */
  noted: [] as Record<string, unknown>[],
  /** A Set, not one slot: the custom server's bundle and Next's each carry a Director. */
  witnesses: new Set<StallWitness>(),
}));

/** Whether the loop has been blocked past the threshold at `now` (a `performance.now()` time): one subtraction, for hot paths. */
export function isStalled(now: number): boolean {
  return now - monitor.lastTick > TICK_MS + STALL_THRESHOLD_MS;
}

/** Records work that ended while the loop was stalled (it ran during the stall): listed in the stall's log. */
export function noteDuringStall(entry: Record<string, unknown>): void {
  if (monitor.noted.length < MAX_NOTED) monitor.noted.push(entry);
}

/** Adds a source of work in progress, asked when a stall is logged. */
export function addStallWitness(witness: StallWitness): void {
  monitor.witnesses.add(witness);
}

function tick(): void {
  const now = performance.now();
  const stalledMs = now - monitor.lastTick - TICK_MS;
  monitor.lastTick = now;
  if (stalledMs <= STALL_THRESHOLD_MS) {
    monitor.noted.length = 0;
    return;
  }
  const inFlight = [...monitor.witnesses].flatMap((witness) => witness());
  // Plugin calls listed here point at a plugin doing CPU-bound work on the main thread (docs/plugins.md).
  logger.warn('event loop stalled: the server answered nothing meanwhile', {
    stalled_ms: Math.round(stalledMs),
    ended_during_stall: monitor.noted.splice(0),
    in_flight: inFlight,
  });
}

/** Starts watching the event loop (once per process; server start-up); returns a function that stops it. */
export function startEventLoopMonitor(): () => void {
  if (!monitor.timer) {
    monitor.lastTick = performance.now();
    // Unref'd: a watch must not keep the process alive.
    monitor.timer = setInterval(tick, TICK_MS).unref();
  }
  return () => {
    clearInterval(monitor.timer);
    monitor.timer = undefined;
    monitor.lastTick = Infinity;
    monitor.noted.length = 0;
  };
}
