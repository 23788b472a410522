import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '@/lib/runtime/logger';
import { eventHistory, eventStats, eventsSettled, publish, receiveRemoteEvent, subscribe, type EventEnvelope } from './bus';

// Failing subscribers are the point of several cases here; their retry warnings are expected.
beforeAll(() => {
  vi.spyOn(logger, 'warn').mockImplementation(() => {});
  vi.spyOn(logger, 'error').mockImplementation(() => {});
});
afterAll(() => vi.restoreAllMocks());

const app = { appId: 'bus-test' };
let counter = 0;
/** A plugin event name no other test in this process uses. */
const uniqueEvent = () => `bustest:happened_${(counter += 1)}` as const;

describe('event bus', () => {
  it('returns to the publisher before any subscriber runs, even a synchronous one', async () => {
    const name = uniqueEvent();
    const calls: string[] = [];
    subscribe(name, () => void calls.push('subscriber'), { id: 'sync' });
    publish(name, { n: 1 }, app);
    calls.push('publisher continues');
    await eventsSettled();
    expect(calls).toEqual(['publisher continues', 'subscriber']);
  });

  it('isolates a failing subscriber from the others and counts the failure', async () => {
    const name = uniqueEvent();
    const received: unknown[] = [];
    subscribe(name, () => { throw new Error('boom'); }, { id: 'broken' });
    subscribe(name, (data) => void received.push(data), { id: 'healthy' });
    const before = eventStats().delivery_failures;
    publish(name, { n: 2 }, app);
    await eventsSettled(10_000);
    expect(received).toEqual([{ n: 2 }]);
    expect(eventStats().delivery_failures).toBe(before + 1);
  }, 15_000);

  it('retries a subscriber that fails, with backoff, until it succeeds', async () => {
    const name = uniqueEvent();
    const attempts: number[] = [];
    subscribe(name, () => {
      attempts.push(Date.now());
      if (attempts.length < 3) throw new Error('not yet');
    }, { id: 'flaky' });
    publish(name, {}, app);
    await eventsSettled();
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(450);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(950);
  }, 15_000);

  it('gives each subscriber its own copy of the payload', async () => {
    const name = uniqueEvent();
    const seen: unknown[] = [];
    subscribe(name, (data) => { (data as { list: number[] }).list.push(99); }, { id: 'mutator' });
    subscribe(name, (data) => void seen.push(data), { id: 'reader' });
    publish(name, { list: [1] }, app);
    await eventsSettled();
    expect(seen).toEqual([{ list: [1] }]);
  });

  it('checks core payloads against the catalog and rejects malformed names', () => {
    // @ts-expect-error: plan is required
    expect(() => publish('subscription_updated', { user_id: 'u1' }, app)).toThrow();
    // @ts-expect-error: not a core event and not <plugin>:<event>
    expect(() => publish('Not An Event', {}, app)).toThrow(/neither a core event/);
  });

  it('replaces a subscription made again under the same id, and unsubscribes', async () => {
    const name = uniqueEvent();
    const calls: string[] = [];
    subscribe(name, () => void calls.push('first'), { id: 'same' });
    const unsubscribe = subscribe(name, () => void calls.push('second'), { id: 'same' });
    publish(name, {}, app);
    await eventsSettled();
    unsubscribe();
    publish(name, {}, app);
    await eventsSettled();
    expect(calls).toEqual(['second']);
  });

  it('hands events from other instances only to everyInstance subscribers', async () => {
    const name = uniqueEvent();
    const calls: string[] = [];
    subscribe(name, () => void calls.push('local work'), { id: 'work' });
    subscribe(name, () => void calls.push('cache'), { id: 'cache', everyInstance: true });
    const remote: EventEnvelope = { id: 'x', name, data: {}, app_id: 'bus-test', user_id: null, published_at: new Date().toISOString(), origin: 'other-instance' };
    receiveRemoteEvent(remote);
    await eventsSettled();
    expect(calls).toEqual(['cache']);
  });

  it('keeps a history and per-type counts', async () => {
    const name = uniqueEvent();
    publish(name, { n: 1 }, app);
    publish(name, { n: 2 }, app);
    expect(eventHistory(name).map((item) => item.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(eventStats().events_by_type[name]).toBe(2);
  });

  it('stamps events with the wall clock, the same in the envelope and the history', async () => {
    const name = uniqueEvent();
    const stamps: string[] = [];
    subscribe(name, (_data, event) => void stamps.push(event.published_at), { id: 'clock' });
    const before = Date.now();
    publish(name, {}, app);
    const after = Date.now();
    await eventsSettled();
    const [stamp] = stamps;
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Counted from a clock read up to a second ago: within a millisecond of it either way.
    expect(Date.parse(stamp!)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(stamp!)).toBeLessThanOrEqual(after + 1);
    expect(eventHistory(name).map((item) => item.published_at)).toEqual([stamp]);
  });
});
