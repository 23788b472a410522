import { afterEach, describe, expect, it } from 'vitest';
import { roomFollowing } from './follow';
import { memoryFeed } from './memory';
import { FEED_RETENTION_MS, type FeedEvent, type FeedStore } from './types';

const stores: FeedStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function setUp(now: () => number = Date.now) {
  const store = memoryFeed(now);
  stores.push(store);
  let reads = 0;
  const counted: FeedStore = { ...store, read: (room, after) => (reads++, store.read(room, after)) };
  const following = roomFollowing(counted);
  return { store, following, reads: () => reads };
}

function recorder() {
  const events: FeedEvent[] = [];
  let resyncs = 0;
  return { events, resyncs: () => resyncs, handlers: { deliver: (event: FeedEvent) => events.push(event), resync: () => void resyncs++ } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
const messages = (events: FeedEvent[]) => events.map((event) => event.message);

describe('following a room', () => {
  it('delivers what is appended after it started, in order, once', async () => {
    const { store, following } = setUp();
    await store.append('app:a:user:u', 'note', 'before');
    const seen = recorder();
    await following.follow('app:a:user:u', undefined, seen.handlers);
    for (const n of [1, 2, 3]) await store.append('app:a:user:u', 'note', n);
    await store.append('app:a:user:other', 'note', 'not mine');
    await settle();
    expect(messages(seen.events)).toEqual([1, 2, 3]);
  });

  it('replays what came after the client’s last id, then goes on live, with nothing twice', async () => {
    const { store, following } = setUp();
    const first = await store.append('r', 'e', 'seen');
    await store.append('r', 'e', 'missed 1');
    await store.append('r', 'e', 'missed 2');
    const seen = recorder();
    // An append while the follower replays: it must come once, after the replay.
    const followed = following.follow('r', first, seen.handlers);
    void store.append('r', 'e', 'during');
    await followed;
    await store.append('r', 'e', 'after');
    await settle();
    expect(messages(seen.events)).toEqual(['missed 1', 'missed 2', 'during', 'after']);
    expect(seen.resyncs()).toBe(0);
  });

  it('asks the client to reload when its last id is older than what is kept', async () => {
    let now = 1_000_000;
    const { store, following } = setUp(() => now);
    const old = await store.append('r', 'e', 'old');
    now += FEED_RETENTION_MS + 1;
    await store.append('r', 'e', 'recent');
    const seen = recorder();
    await following.follow('r', old, seen.handlers);
    expect(seen.resyncs()).toBe(1);
    expect(messages(seen.events)).toEqual(['recent']);
  });

  it('reads a room once per append however many connections follow it', async () => {
    const { store, following, reads } = setUp();
    const followers = Array.from({ length: 50 }, () => recorder());
    await Promise.all(followers.map((follower) => following.follow('app:a', undefined, follower.handlers)));
    const before = reads();
    await store.append('app:a', 'broadcast', 'hello');
    await settle();
    expect(reads() - before).toBe(1);
    expect(followers.every((follower) => follower.events.length === 1)).toBe(true);
  });

  it('stops delivering to a stopped follower, and forgets a room nobody follows', async () => {
    const { store, following, reads } = setUp();
    const seen = recorder();
    const followed = await following.follow('r', undefined, seen.handlers);
    followed.stop();
    const before = reads();
    await store.append('r', 'e', 'unheard');
    await settle();
    expect(seen.events).toEqual([]);
    expect(reads()).toBe(before);
  });
});
