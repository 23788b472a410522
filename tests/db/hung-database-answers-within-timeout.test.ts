/**
 * Regression (issue #19): with the database process paused (SIGSTOP: connections stay open, nothing
 * answers), requests answered 503 only after 10.2 s where DATABASE_TIMEOUT_MS documents 5 s. The
 * driver's per-stage timeouts add up: a read waits socketTimeoutMS, is retried once, and waits again.
 * An insert failed with a 500, its pool checkout timeout wrapped in a bulk write error. Each operation
 * now has one deadline as a whole. With a 1 s timeout the broken version answered after 2 s: the
 * bound below sits between the two, with room for a loaded machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, type Collection } from '@/lib/db';
import { MongoStore } from '@/lib/db/mongo';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../support/ferretdb';

const binary = ferretDbBinary();
if (!binary && process.env.CI) throw new Error('CI must run the hung-database test: build FerretDB with scripts/ci/ferretdb.sh');

const TIMEOUT_MS = 1_000;

describe.skipIf(!binary)('a hung database (FerretDB paused)', () => {
  let ferret: RunningFerretDb;
  let store: MongoStore;
  let items: Collection;

  beforeAll(async () => {
    ferret = await startFerretDb(binary!);
    store = new MongoStore({ uri: ferret.uri('hung'), timeoutMs: TIMEOUT_MS });
    items = database({ appId: 'hung' }, store).collection('items');
    await items.insertOne({ n: 0 });
  }, 60_000);

  afterAll(async () => {
    ferret?.resume();
    await store?.close();
    await ferret?.stop();
  });

  it('fails each read and write with DB_UNAVAILABLE within DATABASE_TIMEOUT_MS, and recovers', async () => {
    ferret.pause();
    try {
      for (const operation of [() => items.find({}), () => items.insertOne({ n: 1 }), () => items.updateMany({}, { $set: { a: 1 } }), () => items.countDocuments()]) {
        const started = performance.now();
        await expect(operation()).rejects.toMatchObject({ errorCode: 'DB_UNAVAILABLE', status: 503 });
        expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 1.6);
      }
    } finally {
      ferret.resume();
    }
    await expect.poll(() => items.countDocuments().catch(() => -1), { timeout: 15_000, interval: 200 }).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
