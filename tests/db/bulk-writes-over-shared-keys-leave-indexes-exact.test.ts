/**
 * Bulk writes take documents out of index keys that thousands of others share, and swap new versions
 * into keys that stay (./lib/db/embedded/keyed-index.ts). Afterwards every read that goes through an
 * index must find exactly the right documents, in the same order as before, for this user and no
 * other, and so must a store reopened from the file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { database, type Collection } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { makeTempDir } from '../support/config-dir';

/** Enough for batches of every size, from the first to the largest. */
const COUNT = 3_000;

describe('bulk writes over documents that share index keys', () => {
  let store: EmbeddedStore | undefined;
  let dir: string;

  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  async function open(): Promise<{ inbox: (app: string, user: string) => Collection }> {
    store = new EmbeddedStore(dir);
    const inbox = (app: string, user: string) => database({ appId: app }, store!).forUser(user).collection('notifications');
    const any = inbox('app_a', 'u1');
    await any.createIndex({ keys: { user_id: 1 } });
    await any.createIndex({ keys: { user_id: 1, created_at: -1 } });
    await any.createIndex({ keys: { user_id: 1, read: 1 } });
    return { inbox };
  }

  const numbers = async (collection: Collection, filter: Record<string, unknown>) => (await collection.find(filter)).map((doc) => doc.n);
  const range = (from: number, to: number, keep: (n: number) => boolean = () => true) => Array.from({ length: to - from }, (_, i) => from + i).filter(keep);

  it('leaves every index lookup and count exact after updateMany and deleteMany', async () => {
    dir = makeTempDir('mozaiks-bulk-keys-');
    const { inbox } = await open();
    const created_at = new Date();
    await inbox('app_a', 'u1').insertMany(range(0, COUNT).map((n) => ({ n, read: n % 3 === 0, created_at })));
    await inbox('app_a', 'u2').insertMany(range(0, 500).map((n) => ({ n, read: false, created_at })));
    await inbox('app_b', 'u1').insertMany(range(0, 200).map((n) => ({ n, read: false, created_at })));
    const mine = inbox('app_a', 'u1');

    expect(await mine.updateMany({ read: false }, { $set: { read: true } })).toMatchObject({ matchedCount: 2_000, modifiedCount: 2_000 });
    expect(await mine.countDocuments({ read: false })).toBe(0);
    expect(await mine.countDocuments({ read: true })).toBe(COUNT);
    // The user's whole inbox, read through the key every document kept: in the order it was written.
    expect(await numbers(mine, {})).toEqual(range(0, COUNT));
    expect((await numbers(mine, { read: true })).sort((a, b) => Number(a) - Number(b))).toEqual(range(0, COUNT));
    expect(await numbers(mine, { created_at, read: true, n: 7 })).toEqual([7]);
    // Nobody else's notifications took the update.
    expect(await inbox('app_a', 'u2').countDocuments({ read: false })).toBe(500);
    expect(await inbox('app_b', 'u1').countDocuments({ read: false })).toBe(200);

    expect(await mine.deleteMany({ n: { $gte: 1_000 }, read: true })).toEqual({ deletedCount: 2_000 });
    expect(await mine.countDocuments({ read: true })).toBe(1_000);
    expect(await numbers(mine, {})).toEqual(range(0, 1_000));
    expect(await numbers(mine, { read: true, n: 1_500 })).toEqual([]);
    expect(await inbox('app_a', 'u2').countDocuments({})).toBe(500);

    // Single writes after the bulk ones find the keys in order too.
    await mine.insertOne({ n: COUNT, read: false, created_at });
    await mine.updateOne({ n: 10 }, { $set: { read: false } });
    expect(await numbers(mine, { read: false })).toEqual([COUNT, 10]);
    expect(await mine.countDocuments({ read: true })).toBe(999);

    await store!.close();
    const reopened = await open();
    const again = reopened.inbox('app_a', 'u1');
    expect(await again.countDocuments({ read: false })).toBe(2);
    expect(await again.countDocuments({ read: true })).toBe(999);
    expect((await numbers(again, {})).length).toBe(1_001);
    expect(await reopened.inbox('app_a', 'u2').countDocuments({ read: false })).toBe(500);
    expect(await reopened.inbox('app_b', 'u1').countDocuments({})).toBe(200);
  });
});
