/**
 * Feed event ids, Redis stream ids in form: `<milliseconds>-<sequence>`, ordered by time then
 * sequence. The embedded feed makes ids of the same form, so a client's Last-Event-ID reads the
 * same whichever feed wrote it.
 */

const EVENT_ID = /^(\d{1,15})-(\d{1,15})$/;

/** The id before every event. */
export const FEED_START = '0-0';

export function isEventId(value: string): boolean {
  return EVENT_ID.test(value);
}

function parts(id: string): [number, number] {
  const match = EVENT_ID.exec(id);
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

/** Negative when `a` comes before `b`, 0 when equal, positive after. */
export function compareEventIds(a: string, b: string): number {
  const [aTime, aSeq] = parts(a);
  const [bTime, bSeq] = parts(b);
  return aTime - bTime || aSeq - bSeq;
}
