/**
 * Live chat events in order, with the holes filled. With several instances, a socket may miss an
 * event: its join replays what the store held, and an event the run's instance had already sent to
 * the room but not yet stored (it writes in 20 ms batches) fell in between. The next live event then
 * skips a number; rather than applying it over the hole, the missing events are fetched from the
 * events route first, and live events arriving meanwhile wait behind them.
 */
import type { AnyChatEvent } from '../protocol';

/** Fetches before giving up on a hole (the events may still be on their way to the store). */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 300;

export interface GapRepairOptions {
  /** The highest `seq` applied so far (-1 for none). */
  lastSeq: () => number;
  /** The chat's stored events after `seq`. */
  fetchAfter: (seq: number) => Promise<readonly AnyChatEvent[]>;
  apply: (events: readonly AnyChatEvent[]) => void;
}

/** Returns the function to call with each live event. */
export function createGapRepair({ lastSeq, fetchAfter, apply }: GapRepairOptions): (event: AnyChatEvent) => void {
  let waiting: AnyChatEvent[] | null = null;
  let highest = -1;
  const known = () => Math.max(highest, lastSeq(), 0);

  async function fill(until: number): Promise<void> {
    const from = known();
    let found: readonly AnyChatEvent[] = [];
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      try {
        found = await fetchAfter(from);
      } catch {
        // Offline or refused: apply what arrived; the next join after a reconnect replays the rest.
        break;
      }
      if ((found.at(-1)?.seq ?? 0) >= until - 1) break;
    }
    const held = waiting ?? [];
    waiting = null;
    const events = [...found, ...held];
    highest = Math.max(highest, ...events.map((event) => event.seq));
    apply(events);
  }

  return (event) => {
    if (waiting) return void waiting.push(event);
    if (event.seq > known() + 1) {
      waiting = [event];
      void fill(event.seq);
      return;
    }
    highest = Math.max(highest, event.seq);
    apply([event]);
  };
}
