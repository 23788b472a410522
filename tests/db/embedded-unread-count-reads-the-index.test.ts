/**
 * Regression (issue #19): after a soak left 138,152 unread notifications, GET /api/notifications/count
 * fell from 146 to 2 requests/s: counting `{read: false}` tested every unread notification the index
 * returned. A count made of equalities an index covers exactly is now the index's own list. Structural,
 * not timed: no document is tested against the filter.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { database } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { Query } from '@/lib/db/embedded/mingo';
import { makeTempDir } from '../support/config-dir';

describe('counting an indexed equality on the embedded store', () => {
  const store = new EmbeddedStore(makeTempDir('mozaiks-count-'));
  afterAll(() => store.close());

  it('answers from the index without testing each document, with the same counts', async () => {
    const inbox = database({ appId: 'app_a' }, store).forUser('u1').collection('notifications');
    await inbox.createIndex({ keys: { user_id: 1, read: 1 } });
    await inbox.insertMany(Array.from({ length: 2_000 }, (_, n) => ({ n, read: n % 4 === 0 })));
    await database({ appId: 'app_a' }, store).forUser('u2').collection('notifications').insertOne({ n: -1, read: false });
    const tests = vi.spyOn(Query.prototype, 'test');
    try {
      expect(await inbox.countDocuments({ read: false })).toBe(1_500);
      expect(await inbox.countDocuments({ read: true })).toBe(500);
      expect(tests).not.toHaveBeenCalled();
      // Anything else is still filtered document by document.
      expect(await inbox.countDocuments({ read: false, n: { $lt: 10 } })).toBe(7);
      expect(await inbox.countDocuments({})).toBe(2_000);
    } finally {
      tests.mockRestore();
    }
  });
});
