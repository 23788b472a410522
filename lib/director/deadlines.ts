/**
 * Plugin calls' deadlines on one timer. A timer per call, made and cleared a moment later when the
 * call answers, cost more than the rest of a trivial call's deadline handling: each is a Timeout
 * object, a list insertion and, under Next, async-hook bookkeeping. Here a call is an entry in a
 * doubly linked list, and one timer is armed for the earliest deadline; calls that answer in time
 * only unlink themselves. (A list, not a Set: a Set that gains and loses an entry on every call
 * keeps growing and rehashing its table, which was a tenth of the garbage a call leaves.)
 */
import { logger } from '@/lib/runtime/logger';

export interface Deadline {
  /** The call answered in time: its expiry will not run. */
  cancel(): void;
}

/** What a deadline is for (a plugin call's run): an object rather than a closure, so the list can also say what is pending. */
export interface Expiring {
  expire(): void;
}

/** A pending deadline, linked into the list while it is pending. */
class Entry implements Deadline {
  /** `performance.now()` time at which `owner.expire()` runs. */
  readonly at: number;
  readonly owner: Expiring;
  previous: Entry | undefined;
  next: Entry | undefined;
  linked = true;

  constructor(at: number, owner: Expiring) {
    this.at = at;
    this.owner = owner;
  }

  cancel(): void {
    unlink(this);
  }
}

/** The pending entries, oldest first. */
const list: { first: Entry | undefined; last: Entry | undefined } = { first: undefined, last: undefined };
let timer: NodeJS.Timeout | undefined;
let armedFor = Infinity;

function link(entry: Entry): void {
  entry.previous = list.last;
  if (list.last) list.last.next = entry;
  else list.first = entry;
  list.last = entry;
}

function unlink(entry: Entry): void {
  if (!entry.linked) return;
  entry.linked = false;
  if (entry.previous) entry.previous.next = entry.next;
  else list.first = entry.next;
  if (entry.next) entry.next.previous = entry.previous;
  else list.last = entry.previous;
  entry.previous = entry.next = undefined;
}

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
  let soonest = Infinity;
  // Unlinked first and expired after: an expiry may cancel or add other entries.
  const due: Entry[] = [];
  for (let entry = list.first; entry; entry = entry.next) {
    if (entry.at <= now) due.push(entry);
    else soonest = Math.min(soonest, entry.at);
  }
  for (const entry of due) unlink(entry);
  if (soonest !== Infinity) arm(soonest);
  for (const entry of due) {
    try {
      entry.owner.expire();
    } catch (error) {
      logger.error('a plugin call deadline failed to expire', { error });
    }
  }
}

/** Calls `owner.expire()` at `at` (a `performance.now()` time) unless cancelled first. */
export function atDeadline(at: number, owner: Expiring): Deadline {
  const entry = new Entry(at, owner);
  link(entry);
  arm(at);
  return entry;
}

/** What waits on a deadline now, oldest first: the calls in flight, for the event-loop monitor's stall log. */
export function pendingDeadlines(): Expiring[] {
  const owners: Expiring[] = [];
  for (let entry = list.first; entry; entry = entry.next) owners.push(entry.owner);
  return owners;
}
