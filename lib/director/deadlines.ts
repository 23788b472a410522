/**
 * Plugin calls' deadlines on one timer. A timer per call, made and cleared a moment later when the
 * call answers, cost more than the rest of a trivial call's deadline handling: each is a Timeout
 * object, a list insertion and, under Next, async-hook bookkeeping. Here a call is an entry in an
 * insertion-ordered set, and one timer is armed for the earliest deadline; calls that answer in
 * time only leave the set.
 */
import { logger } from '@/lib/runtime/logger';

export interface Deadline {
  /** The call answered in time: its expiry will not run. */
  cancel(): void;
}

interface Entry extends Deadline {
  /** `performance.now()` time at which `expire` runs. */
  at: number;
  expire: () => void;
}

const pending = new Set<Entry>();
let timer: NodeJS.Timeout | undefined;
let armedFor = Infinity;

function arm(at: number): void {
  if (timer && armedFor <= at) return;
  clearTimeout(timer);
  armedFor = at;
  // Unref'd: it outlives the calls that answered in time, and must not hold up a shutdown.
  timer = setTimeout(fire, Math.max(0, at - performance.now())).unref();
}

function fire(): void {
  timer = undefined;
  armedFor = Infinity;
  const now = performance.now();
  let next = Infinity;
  for (const entry of pending) {
    if (entry.at > now) {
      next = Math.min(next, entry.at);
      continue;
    }
    pending.delete(entry);
    try {
      entry.expire();
    } catch (error) {
      logger.error('a plugin call deadline failed to expire', { error });
    }
  }
  if (next !== Infinity) arm(next);
}

/** Runs `expire` at `at` (a `performance.now()` time) unless cancelled first. */
export function atDeadline(at: number, expire: () => void): Deadline {
  const entry: Entry = { at, expire, cancel: () => void pending.delete(entry) };
  pending.add(entry);
  arm(at);
  return entry;
}
