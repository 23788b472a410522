/**
 * Tenant isolation: data written under app A (or user A) cannot be read, counted, updated or deleted
 * through handles for app B (or user B), whatever the caller puts in filters, updates or pipelines.
 * Each attempt either finds nothing or is refused; none may return or change A's data.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { database, type Collection } from '@/lib/db';
import type { Store } from '@/lib/db/types';
import { startTargets, storeTargets } from '../support/stores';

const targets = storeTargets();
const SECRET = 'app-a-secret';

/** Runs an attempt; it must find or change nothing, or be refused. Never A's data. */
async function expectNoLeak(attempt: () => Promise<unknown>): Promise<void> {
  let result: unknown;
  try {
    result = await attempt();
  } catch (error) {
    expect((error as { status?: number }).status ?? 500, String(error)).toBeLessThan(500);
    return;
  }
  expect(JSON.stringify(result ?? null)).not.toContain(SECRET);
  if (Array.isArray(result)) expect(result).toEqual([]);
  else if (typeof result === 'number') expect(result).toBe(0);
  else if (result && typeof result === 'object' && 'matchedCount' in result) expect(result).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
  else if (result && typeof result === 'object' && 'deletedCount' in result) expect(result).toEqual({ deletedCount: 0 });
  else expect(result).toBeNull();
}

describe.each(targets)('tenant isolation on $kind', (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let appA: Collection;
  let appB: Collection;
  let idA: string;

  beforeAll(async () => startTargets([target]));
  afterAll(async () => target.teardown());
  beforeEach(async () => {
    ({ store, dispose } = await target.open());
    appA = database({ appId: 'app_a' }, store).collection('notes');
    appB = database({ appId: 'app_b' }, store).collection('notes');
    ({ insertedId: idA } = await appA.insertOne({ title: 'Launch plan', body: SECRET, owner: 'u_a', tags: ['x'] }));
  });
  afterEach(async () => dispose());

  /** A's document is exactly as written. */
  const unchanged = async () => {
    expect(await appA.find()).toEqual([{ _id: idA, title: 'Launch plan', body: SECRET, owner: 'u_a', tags: ['x'], app_id: 'app_a' }]);
  };

  it('reads: plain, by app_id, $or, $nor, $expr, _id guesses, regex on _id', async () => {
    await expectNoLeak(() => appB.find());
    await expectNoLeak(() => appB.find({ app_id: 'app_a' }));
    await expectNoLeak(() => appB.find({ $or: [{ app_id: 'app_a' }, { app_id: { $exists: true } }] }));
    await expectNoLeak(() => appB.find({ $nor: [{ app_id: 'app_b' }] }));
    await expectNoLeak(() => appB.find({ $expr: { $eq: ['$app_id', 'app_a'] } }));
    await expectNoLeak(() => appB.findOne({ _id: idA }));
    await expectNoLeak(() => appB.find({ _id: { $regex: '.*' } }));
    await expectNoLeak(() => appB.find({ app_id: { $ne: 'app_b' } }));
    await unchanged();
  });

  it('counts and distinct values', async () => {
    await expectNoLeak(() => appB.countDocuments());
    await expectNoLeak(() => appB.countDocuments({ $or: [{}, { app_id: 'app_a' }] }));
    await expectNoLeak(() => appB.distinct('body'));
    await expectNoLeak(() => appB.distinct('app_id', { app_id: 'app_a' }));
  });

  it('updates: broad filters, _id guesses, moving documents between apps, upserts onto A', async () => {
    await expectNoLeak(() => appB.updateMany({}, { $set: { body: 'pwned' } }));
    await expectNoLeak(() => appB.updateOne({ _id: idA }, { $set: { body: 'pwned' } }));
    await expectNoLeak(() => appB.updateMany({ $or: [{ app_id: 'app_a' }] }, { $set: { body: 'pwned' } }));
    await expectNoLeak(() => appB.findOneAndUpdate({ _id: idA }, { $set: { body: 'pwned' } }));
    await expectNoLeak(() => appB.replaceOne({ _id: idA }, { body: 'pwned' }));
    // Changing the scope field itself is refused, from either side.
    await expect(appA.updateOne({ _id: idA }, { $set: { app_id: 'app_b' } })).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
    await expect(appA.updateOne({ _id: idA }, { $rename: { body: 'app_id' } })).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
    await expect(appA.updateOne({ _id: idA }, { $unset: { app_id: '' } })).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
    await expect(appA.updateOne({ _id: idA }, { $set: { _id: 'other' } })).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
    // An upsert aimed at A's id cannot take over A's document (it collides on _id instead).
    await expectNoLeak(() => appB.updateOne({ _id: idA }, { $set: { body: 'pwned' } }, { upsert: true }));
    await unchanged();
  });

  it('writes: a document claiming another app is stamped with the writer\'s app', async () => {
    await appB.insertOne({ app_id: 'app_a', body: 'planted' });
    await appB.replaceOne({ body: 'planted' }, { app_id: 'app_a', body: 'planted again' });
    await unchanged();
    expect(await appB.find({}, { projection: { app_id: 1, body: 1, _id: 0 } })).toEqual([{ app_id: 'app_b', body: 'planted again' }]);
  });

  it('deletes: broad filters and _id guesses', async () => {
    await expectNoLeak(() => appB.deleteMany({}));
    await expectNoLeak(() => appB.deleteOne({ _id: idA }));
    await expectNoLeak(() => appB.deleteMany({ $or: [{ app_id: 'app_a' }, { _id: idA }] }));
    await unchanged();
  });

  it('pipelines: $match on the other app, $unionWith, $lookup, $out, $merge', async () => {
    await expectNoLeak(() => appB.aggregate([{ $match: { app_id: 'app_a' } }]));
    await expectNoLeak(() => appB.aggregate([{ $group: { _id: '$app_id', bodies: { $push: '$body' } } }]));
    await expectNoLeak(() => appB.aggregate([{ $unionWith: { coll: 'notes', pipeline: [] } }]));
    await expectNoLeak(() => appB.aggregate([{ $lookup: { from: 'notes', pipeline: [], as: 'all' } }]));
    await expectNoLeak(() => appB.aggregate([{ $out: 'notes_copy' }]));
    await expectNoLeak(() => appB.aggregate([{ $merge: { into: 'notes' } }]));
  });

  it('operator injection through values that look like JSON', async () => {
    await expectNoLeak(() => appB.find(JSON.parse('{"$where": "return true"}')));
    await expectNoLeak(() => appB.find(JSON.parse('{"_id": {"$gt": ""}}')));
    await expectNoLeak(() => appB.find(JSON.parse('{"$or": [{"app_id": "app_a"}, {"_id": {"$exists": true}}]}')));
    await expectNoLeak(() => appB.updateMany(JSON.parse('{"$expr": {"$eq": [1, 1]}}'), JSON.parse('{"$set": {"body": "pwned"}}')));
    await unchanged();
  });

  describe('personal data', () => {
    let userA: Collection;
    let userB: Collection;
    let noteA: string;

    beforeEach(async () => {
      const app = database({ appId: 'app_a' }, store);
      userA = app.forUser('u_a').collection('diary');
      userB = app.forUser('u_b').collection('diary');
      ({ insertedId: noteA } = await userA.insertOne({ entry: SECRET }));
    });

    it("one user's handle cannot reach another user's documents", async () => {
      await expectNoLeak(() => userB.find());
      await expectNoLeak(() => userB.find({ user_id: 'u_a' }));
      await expectNoLeak(() => userB.findOne({ _id: noteA }));
      await expectNoLeak(() => userB.countDocuments({ $or: [{ user_id: 'u_a' }, {}] }));
      await expectNoLeak(() => userB.updateMany({}, { $set: { entry: 'pwned' } }));
      await expectNoLeak(() => userB.deleteOne({ _id: noteA }));
      await expectNoLeak(() => userB.aggregate([{ $match: { user_id: 'u_a' } }]));
      await expect(userA.updateOne({ _id: noteA }, { $set: { user_id: 'u_b' } })).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
      await userB.insertOne({ user_id: 'u_a', entry: 'planted' });
      expect(await userA.find({}, { projection: { entry: 1, user_id: 1, _id: 0 } })).toEqual([{ entry: SECRET, user_id: 'u_a' }]);
    });

    it('a plugin sees only its own namespaced collections', async () => {
      const plugin = database({ appId: 'app_a' }, store).forPlugin('task_manager');
      expect(plugin.collection('diary').name).toBe('task_manager__diary');
      await expectNoLeak(() => plugin.collection('diary').find());
      expect(() => plugin.collection('x__y')).toThrow(/Invalid collection name/);
    });
  });
});
