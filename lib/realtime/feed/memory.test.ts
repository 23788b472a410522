import { afterEach, describe, expect, it } from 'vitest';
import { memoryFeed } from './memory';
import { FEED_READ_LIMIT, type FeedStore } from './types';

let store: FeedStore | undefined;
afterEach(async () => store?.close());

describe('the in-memory feed', () => {
  it('reads what came after an id, keeps the newest FEED_READ_LIMIT, and says when older ones were dropped', async () => {
    store = memoryFeed();
    const ids: string[] = [];
    for (let n = 0; n < FEED_READ_LIMIT + 200; n++) ids.push(await store.append('r', 'e', n));
    expect(new Set(ids).size).toBe(ids.length);

    const recent = await store.read('r', ids[FEED_READ_LIMIT + 100]!);
    expect(recent.complete).toBe(true);
    expect(recent.events.map((event) => event.message)).toEqual(Array.from({ length: 99 }, (_, i) => FEED_READ_LIMIT + 101 + i));

    // Past the cap: the 200 oldest are gone, so a reader from before them must reload.
    const behind = await store.read('r', ids[50]!);
    expect(behind.complete).toBe(false);
    expect(behind.events).toHaveLength(FEED_READ_LIMIT);
    expect(behind.events[0]!.message).toBe(200);

    expect(await store.read('r', ids.at(-1)!)).toEqual({ events: [], complete: true });
    expect(await store.latest('r')).toBe(ids.at(-1));
  });
});
