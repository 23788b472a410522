/**
 * Regression (issue #19): `mark-all-read` over 557,789 notifications froze the process for 1,013 s.
 * nedb copied the shared index arrays once per document (quadratic), and the whole bulk write ran in
 * one stretch of promise continuations, so no timer, socket or other request ran until it ended.
 * Bulk updates and deletes now work in batches with a turn of the event loop between them, and let
 * other writes to the same collection through in between. Structural checks, no clocks: a
 * setImmediate and an insert issued during the bulk write complete before it does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { database, type Collection } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { BULK_BATCH_SIZE } from '@/lib/db/embedded/bulk';
import { makeTempDir } from '../support/config-dir';

const COUNT = BULK_BATCH_SIZE * 4 + 7;

describe('bulk writes on the embedded store', () => {
  let store: EmbeddedStore | undefined;
  let dir: string;

  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  /** An inbox with the indexes notifications have, so every document shares its user's index keys. */
  async function inbox(): Promise<Collection> {
    store ??= new EmbeddedStore(dir);
    const notifications = database({ appId: 'app_a' }, store).forUser('u1').collection('notifications');
    await notifications.createIndex({ keys: { user_id: 1, created_at: -1 } });
    await notifications.createIndex({ keys: { user_id: 1, read: 1 } });
    return notifications;
  }

  async function seed(): Promise<Collection> {
    dir = makeTempDir('mozaiks-bulk-');
    const notifications = await inbox();
    const created_at = new Date();
    await notifications.insertMany(Array.from({ length: COUNT }, (_, n) => ({ n, read: false, read_at: null, created_at })));
    return notifications;
  }

  /** Starts `operation` and counts the turns of the event loop (setImmediate callbacks) it lets run before it settles. */
  async function turnsDuring<T>(operation: () => Promise<T>): Promise<{ result: T; turns: number }> {
    let settled = false;
    let turns = 0;
    const spin = () => {
      if (settled) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    const result = await operation();
    settled = true;
    return { result, turns };
  }

  it('updateMany yields between batches, lets other writes through, and updates every document', async () => {
    const notifications = await seed();
    let insertedDuring = false;
    let updateDone = false;
    const { result, turns } = await turnsDuring(() => {
      const update = notifications.updateMany({ read: false }, { $set: { read: true, read_at: new Date() } }).finally(() => (updateDone = true));
      void notifications.insertOne({ n: -1, read: false, read_at: null, created_at: new Date() }).then(() => (insertedDuring = !updateDone));
      return update;
    });
    expect(turns).toBeGreaterThanOrEqual(Math.floor(COUNT / BULK_BATCH_SIZE));
    expect(insertedDuring).toBe(true);
    // The insert came after the update had read its candidates: it stays unread, like the ones a user gets while MongoDB runs the update.
    expect(result).toMatchObject({ matchedCount: COUNT, modifiedCount: COUNT });
    expect(await notifications.countDocuments({ read: false })).toBe(1);
    expect(await notifications.countDocuments({ read: true })).toBe(COUNT);
    // The indexes agree with the documents, and the file with both after a restart.
    expect(await notifications.countDocuments({})).toBe(COUNT + 1);
    await store!.close();
    store = undefined;
    const reopened = await inbox();
    expect(await reopened.countDocuments({ read: true })).toBe(COUNT);
    expect(await reopened.countDocuments({})).toBe(COUNT + 1);
  });

  it('deleteMany yields between batches and removes every matching document', async () => {
    const notifications = await seed();
    await notifications.updateMany({ n: { $lt: 10 } }, { $set: { keep: true } });
    const { result, turns } = await turnsDuring(() => notifications.deleteMany({ keep: { $exists: false } }));
    expect(turns).toBeGreaterThanOrEqual(Math.floor(COUNT / BULK_BATCH_SIZE));
    expect(result.deletedCount).toBe(COUNT - 10);
    expect(await notifications.countDocuments({ read: false })).toBe(10);
    await store!.close();
    store = undefined;
    expect(await (await inbox()).countDocuments({})).toBe(10);
  });

  it('keeps what MongoDB keeps when a bulk update hits a unique key or a bad value', async () => {
    dir = makeTempDir('mozaiks-bulk-');
    store = new EmbeddedStore(dir);
    const items = database({ appId: 'app_a' }, store).collection('items');
    await items.createIndex({ keys: { code: 1 }, unique: true });
    await items.insertMany(Array.from({ length: BULK_BATCH_SIZE + 5 }, (_, n) => ({ n, code: `c${n}`, label: n === 3 ? 'text' : n })));
    await expect(items.updateMany({}, { $set: { code: 'same' } })).rejects.toMatchObject({ errorCode: 'DUPLICATE_KEY' });
    expect(await items.countDocuments({ code: 'same' })).toBe(1);
    await expect(items.updateMany({}, { $inc: { label: 1 } })).rejects.toMatchObject({ errorCode: 'INVALID_WRITE' });
    // Documents are visited in _id order: the three before the text label took the update.
    expect(await items.countDocuments({ label: { $in: [1, 2, 3] } })).toBe(3);
    expect(await items.countDocuments({ code: { $regex: '^c' } })).toBe(BULK_BATCH_SIZE + 4);
  });
});
