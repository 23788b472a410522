/**
 * Regression (issue #19, finding 7): marking one user's 150,000 notifications read held the event
 * loop for about 60 ms per batch of 500, and the server soak's /health probe waited 1.6 s behind
 * mark-all-read. Bulk writes now work in batches of at most BULK_BATCH_SIZE documents, sized to about
 * BULK_BATCH_MS of work, and give the event loop a turn between two batches.
 *
 * What this spec holds is that structure, which does not depend on the host's speed: a bulk write
 * over many documents lets other work run at least once per BULK_BATCH_SIZE documents. How long each
 * batch holds the loop is a speed, measured by bench/bulk.ts and written in docs/performance.md
 * ("Bulk writes beside other work"); an earlier version of this spec asserted it and failed on a
 * loaded host (120 ms against 50).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, type Collection } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { BULK_BATCH_SIZE } from '@/lib/db/embedded/bulk';
import { makeTempDir } from '../support/config-dir';

/** Notifications of one user: every one shares the user's index keys. */
const COUNT = 20_000;

/** Runs `operation` and counts the turns the event loop gave other work meanwhile (one check phase each). */
async function turnsDuring(operation: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await operation();
  } finally {
    running = false;
  }
  return turns;
}

describe('bulk writes over documents that share index keys', () => {
  const store = new EmbeddedStore(makeTempDir('mozaiks-bulk-loop-'));
  let inbox: Collection;

  beforeAll(async () => {
    inbox = database({ appId: 'app_a' }, store).forUser('u1').collection('notifications');
    // The notification indexes (lib/notifications/collections.ts) with the user's own.
    await inbox.createIndex({ keys: { user_id: 1 } });
    await inbox.createIndex({ keys: { user_id: 1, created_at: -1 } });
    await inbox.createIndex({ keys: { user_id: 1, read: 1 } });
    const start = Date.now();
    await inbox.insertMany(Array.from({ length: COUNT }, (_, n) => ({ n, read: false, read_at: null, created_at: new Date(start + n) })));
  }, 120_000);
  afterAll(() => store.close());

  it('updateMany lets other work run between batches, and updates every document', async () => {
    const turns = await turnsDuring(() => inbox.updateMany({ read: false }, { $set: { read: true, read_at: new Date() } }));
    expect(await inbox.countDocuments({ read: true })).toBe(COUNT);
    expect(turns).toBeGreaterThanOrEqual(COUNT / BULK_BATCH_SIZE);
  }, 120_000);

  it('deleteMany lets other work run between batches, and deletes every document', async () => {
    const turns = await turnsDuring(() => inbox.deleteMany({ read: true }));
    expect(await inbox.countDocuments({})).toBe(0);
    expect(turns).toBeGreaterThanOrEqual(COUNT / BULK_BATCH_SIZE);
  }, 120_000);
});
