/**
 * The data contract: one suite, run unchanged against every store (the embedded store, FerretDB, and
 * MongoDB when MONGODB_TEST_URI is set). Where FerretDB 1.24 lacks a feature, the case says so and
 * checks the documented behaviour instead (see docs/data.md).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { database, type ScopedDatabase } from '@/lib/db';
import type { Store } from '@/lib/db/types';
import { startTargets, storeTargets } from '../support/stores';

const targets = storeTargets();

describe.each(targets)('data contract on $kind', (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let db: ScopedDatabase;
  const ferret = target.kind === 'ferretdb';

  beforeAll(async () => startTargets([target]));
  afterAll(async () => target.teardown());
  beforeEach(async () => {
    ({ store, dispose } = await target.open());
    db = database({ appId: 'app_a' }, store);
  });
  afterEach(async () => dispose());

  describe('insert and read', () => {
    it('generates string ids, keeps given ones, and stamps the app', async () => {
      const items = db.collection('items');
      const { insertedId } = await items.insertOne({ name: 'first' });
      expect(insertedId).toMatch(/^[0-9a-f]{24}$/);
      await items.insertOne({ _id: 'custom-id', name: 'second' });
      expect(await items.findOne({ _id: insertedId })).toEqual({ _id: insertedId, name: 'first', app_id: 'app_a' });
      expect(await items.findOne({ _id: 'custom-id' })).toMatchObject({ name: 'second' });
      expect(await items.findOne({ name: 'missing' })).toBeNull();
    });

    it('round-trips dates, nested objects, arrays, numbers, booleans and null', async () => {
      const items = db.collection('items');
      const when = new Date('2026-01-02T03:04:05.678Z');
      const doc = { when, nested: { deep: { list: [1, 'two', { three: 3 }] } }, ratio: 0.25, big: 2 ** 40, flag: false, nothing: null };
      const { insertedId } = await items.insertOne(doc);
      const stored = await items.findOne({ _id: insertedId });
      expect(stored).toEqual({ ...doc, _id: insertedId, app_id: 'app_a' });
      expect(stored?.when).toBeInstanceOf(Date);
    });

    it('inserts many at once', async () => {
      const result = await db.collection('items').insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(result.insertedCount).toBe(3);
      expect(new Set(result.insertedIds).size).toBe(3);
      expect(await db.collection('items').countDocuments()).toBe(3);
    });

    it('refuses field names MongoDB cannot store', async () => {
      await expect(db.collection('items').insertOne({ 'a.b': 1 })).rejects.toMatchObject({ errorCode: 'INVALID_WRITE' });
      await expect(db.collection('items').insertOne({ nested: { $set: 1 } })).rejects.toMatchObject({ errorCode: 'INVALID_WRITE' });
    });
  });

  describe('find', () => {
    beforeEach(async () => {
      await db.collection('people').insertMany([
        { _id: 'p1', name: 'Ada', age: 36, tags: ['math', 'code'], address: { city: 'London' } },
        { _id: 'p2', name: 'Grace', age: 85, tags: ['code', 'navy'], address: { city: 'Arlington' } },
        { _id: 'p3', name: 'Alan', age: 41, tags: ['math'], address: { city: 'London' } },
        { _id: 'p4', name: 'Barbara', age: 42, tags: [] },
      ]);
    });

    const names = (docs: Record<string, unknown>[]) => docs.map((doc) => doc.name);

    it('sorts, skips, limits and projects', async () => {
      const people = db.collection('people');
      expect(names(await people.find({}, { sort: { age: -1 } }))).toEqual(['Grace', 'Barbara', 'Alan', 'Ada']);
      expect(names(await people.find({}, { sort: { age: 1 }, skip: 1, limit: 2 }))).toEqual(['Alan', 'Barbara']);
      expect(await people.find({ _id: 'p1' }, { projection: { name: 1 } })).toEqual([{ _id: 'p1', name: 'Ada' }]);
      const [withoutTags] = await people.find({ _id: 'p1' }, { projection: { tags: 0, address: 0 } });
      expect(withoutTags).toEqual({ _id: 'p1', name: 'Ada', age: 36, app_id: 'app_a' });
    });

    it('projects fields, paths and _id alike, sorted or not, and nothing from no match', async () => {
      const people = db.collection('people');
      expect(await people.find({ _id: 'p1' }, { projection: { name: 1, _id: 0 } })).toEqual([{ name: 'Ada' }]);
      expect(await people.find({ _id: 'p1' }, { projection: { age: 1, name: 1 } })).toEqual([{ _id: 'p1', name: 'Ada', age: 36 }]);
      expect(await people.find({ _id: 'p1' }, { projection: { _id: 1 } })).toEqual([{ _id: 'p1' }]);
      expect(await people.find({ _id: 'p1' }, { projection: { 'address.city': 1 } })).toEqual([{ _id: 'p1', address: { city: 'London' } }]);
      expect(await people.find({ _id: 'p1' }, { projection: { _id: 0, age: 0, tags: 0, address: 0 } })).toEqual([{ name: 'Ada', app_id: 'app_a' }]);
      expect(await people.find({ _id: 'nobody' }, { projection: { name: 1 } })).toEqual([]);
      expect(await people.findOne({ _id: 'p4' }, { projection: { address: 1, _id: 0 } })).toEqual({});
      expect(await people.find({}, { sort: { age: 1 }, limit: 2, projection: { name: 1, _id: 0 } })).toEqual([{ name: 'Ada' }, { name: 'Alan' }]);
      expect(await people.find({ 'address.city': 'London' }, { projection: { name: 1 }, skip: 1 })).toHaveLength(1);
    });

    it('skips and limits without a sort, over matches only', async () => {
      const people = db.collection('people');
      // Without a sort the order is the store's own, so only which documents can come back is portable.
      const londoners = ['Ada', 'Alan'];
      const firstMatch = names(await people.find({ 'address.city': 'London' }, { limit: 1 }));
      expect(firstMatch).toHaveLength(1);
      expect(londoners).toContain(firstMatch[0]);
      const secondMatch = names(await people.find({ 'address.city': 'London' }, { skip: 1, limit: 5 }));
      expect(secondMatch).toHaveLength(1);
      expect([...firstMatch, ...secondMatch].sort()).toEqual(londoners);
      expect(await people.find({ 'address.city': 'London' }, { skip: 2, limit: 1 })).toEqual([]);
      expect(await people.find({}, { skip: 3 })).toHaveLength(1);
      expect(await people.countDocuments({ age: { $gt: 40 } })).toBe(3);
    });

    it('supports the common query operators', async () => {
      const people = db.collection('people');
      const sorted = { sort: { name: 1 as const } };
      expect(names(await people.find({ age: { $gt: 40, $lt: 80 } }, sorted))).toEqual(['Alan', 'Barbara']);
      expect(names(await people.find({ name: { $in: ['Ada', 'Alan'] } }, sorted))).toEqual(['Ada', 'Alan']);
      expect(names(await people.find({ name: { $nin: ['Ada', 'Alan'] } }, sorted))).toEqual(['Barbara', 'Grace']);
      expect(names(await people.find({ name: { $ne: 'Ada' } }, sorted))).toEqual(['Alan', 'Barbara', 'Grace']);
      expect(names(await people.find({ address: { $exists: false } }, sorted))).toEqual(['Barbara']);
      expect(names(await people.find({ 'address.city': 'London' }, sorted))).toEqual(['Ada', 'Alan']);
      expect(names(await people.find({ tags: 'code' }, sorted))).toEqual(['Ada', 'Grace']);
      expect(names(await people.find({ tags: { $all: ['math', 'code'] } }, sorted))).toEqual(['Ada']);
      expect(names(await people.find({ tags: { $size: 0 } }, sorted))).toEqual(['Barbara']);
      expect(names(await people.find({ name: { $regex: '^a', $options: 'i' } }, sorted))).toEqual(['Ada', 'Alan']);
      expect(names(await people.find({ $or: [{ age: { $lt: 40 } }, { name: 'Grace' }] }, sorted))).toEqual(['Ada', 'Grace']);
      expect(names(await people.find({ $and: [{ tags: 'math' }, { age: { $gte: 40 } }] }, sorted))).toEqual(['Alan']);
    });

    it('counts and lists distinct values, unwinding arrays', async () => {
      const people = db.collection('people');
      expect(await people.countDocuments({ tags: 'math' })).toBe(2);
      expect(((await people.distinct('tags')) as string[]).sort()).toEqual(['code', 'math', 'navy']);
      expect(((await people.distinct('address.city', { age: { $lt: 50 } })) as string[]).sort()).toEqual(['London']);
    });

    it('caps a page at MAX_FIND_LIMIT and refuses negative paging', async () => {
      await expect(db.collection('people').find({}, { skip: -1 })).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
      await expect(db.collection('people').find({}, { limit: 1.5 })).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
    });
  });

  describe('update', () => {
    it('applies $set, $unset, $inc, $push, $pull and $addToSet', async () => {
      const items = db.collection('items');
      await items.insertOne({ _id: 'i1', count: 1, tags: ['a', 'b'], old: true, nested: { x: 1 } });
      const result = await items.updateOne(
        { _id: 'i1' },
        { $set: { 'nested.y': 2, status: 'done' }, $unset: { old: '' }, $inc: { count: 4 }, $push: { log: 'created' } },
      );
      expect(result).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
      await items.updateOne({ _id: 'i1' }, { $pull: { tags: 'a' } });
      await items.updateOne({ _id: 'i1' }, { $addToSet: { tags: 'b' } });
      await items.updateOne({ _id: 'i1' }, { $addToSet: { tags: 'c' } });
      expect(await items.findOne({ _id: 'i1' })).toEqual({
        _id: 'i1',
        app_id: 'app_a',
        count: 5,
        tags: ['b', 'c'],
        nested: { x: 1, y: 2 },
        status: 'done',
        log: ['created'],
      });
    });

    it('reports matched and modified counts like MongoDB', async () => {
      const items = db.collection('items');
      await items.insertMany([{ kind: 'x', v: 1 }, { kind: 'x', v: 2 }, { kind: 'y', v: 1 }]);
      expect(await items.updateMany({ kind: 'x' }, { $set: { v: 1 } })).toEqual({ matchedCount: 2, modifiedCount: 1, upsertedId: null });
      expect(await items.updateOne({ kind: 'z' }, { $set: { v: 9 } })).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
    });

    it('upserts with the filter equality fields, a string id, and $setOnInsert only on insert', async () => {
      const counters = db.forUser('u1').collection('counters');
      const first = await counters.updateOne({ name: 'visits' }, { $inc: { value: 1 }, $setOnInsert: { created: 'now' } }, { upsert: true });
      expect(first.upsertedId).toMatch(/^[0-9a-f]{24}$/);
      const second = await counters.updateOne({ name: 'visits' }, { $inc: { value: 1 }, $setOnInsert: { created: 'later' } }, { upsert: true });
      expect(second).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
      expect(await counters.find()).toEqual([
        { _id: first.upsertedId, app_id: 'app_a', user_id: 'u1', name: 'visits', value: 2, created: 'now' },
      ]);
    });

    it('upserts by a given _id', async () => {
      const items = db.collection('items');
      expect((await items.updateOne({ _id: 'fixed' }, { $set: { v: 1 } }, { upsert: true })).upsertedId).toBe('fixed');
      expect(await items.findOne({ _id: 'fixed' })).toEqual({ _id: 'fixed', app_id: 'app_a', v: 1 });
    });

    it('findOneAndUpdate returns the document after (default) or before the update', async () => {
      const items = db.collection('items');
      await items.insertOne({ _id: 'c', n: 1 });
      expect(await items.findOneAndUpdate({ _id: 'c' }, { $inc: { n: 1 } })).toMatchObject({ n: 2 });
      expect(await items.findOneAndUpdate({ _id: 'c' }, { $inc: { n: 1 } }, { returnDocument: 'before' })).toMatchObject({ n: 2 });
      expect(await items.findOneAndUpdate({ _id: 'none' }, { $inc: { n: 1 } })).toBeNull();
      const created = await items.findOneAndUpdate({ key: 'k' }, { $inc: { n: 1 } }, { upsert: true });
      expect(created).toMatchObject({ key: 'k', n: 1, app_id: 'app_a' });
    });

    // FerretDB 1.24 on SQLite loses concurrent updates to one document (11 of 40 survived here);
    // MongoDB and the embedded store apply each $inc atomically.
    it.skipIf(ferret)('increments atomically under concurrency (FerretDB 1.24: not atomic)', async () => {
      const items = db.collection('items');
      await items.insertOne({ _id: 'counter', n: 0 });
      await Promise.all(Array.from({ length: 40 }, () => items.updateOne({ _id: 'counter' }, { $inc: { n: 1 } })));
      expect((await items.findOne({ _id: 'counter' }))?.n).toBe(40);
    });

    it('refuses $inc on a field that is not a number', async () => {
      const items = db.collection('items');
      await items.insertOne({ _id: 's', label: 'text' });
      await expect(items.updateOne({ _id: 's' }, { $inc: { label: 1 } })).rejects.toMatchObject({ errorCode: 'INVALID_WRITE' });
      expect((await items.findOne({ _id: 's' }))?.label).toBe('text');
    });

    it('refuses replacement-style and pipeline updates', async () => {
      const items = db.collection('items');
      await expect(items.updateOne({}, { name: 'x' })).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
      await expect(items.updateOne({}, [{ $set: { a: 1 } }] as never)).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
      await expect(items.updateOne({}, {})).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
    });
  });

  describe('replace and delete', () => {
    it('replaces a document, keeping its id and scope', async () => {
      const items = db.collection('items');
      await items.insertOne({ _id: 'r', a: 1, b: 2 });
      expect(await items.replaceOne({ _id: 'r' }, { c: 3 })).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
      expect(await items.findOne({ _id: 'r' })).toEqual({ _id: 'r', c: 3, app_id: 'app_a' });
      const upserted = await items.replaceOne({ slug: 'new' }, { slug: 'new', d: 4 }, { upsert: true });
      expect(upserted.upsertedId).toMatch(/^[0-9a-f]{24}$/);
      expect(await items.findOne({ slug: 'new' })).toEqual({ _id: upserted.upsertedId, slug: 'new', d: 4, app_id: 'app_a' });
    });

    it('deletes one or many', async () => {
      const items = db.collection('items');
      await items.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
      expect(await items.deleteOne({ k: 1 })).toEqual({ deletedCount: 1 });
      expect(await items.deleteMany({ k: 1 })).toEqual({ deletedCount: 2 });
      expect(await items.deleteMany({ k: 9 })).toEqual({ deletedCount: 0 });
      expect(await items.countDocuments()).toBe(1);
    });
  });

  describe('aggregate', () => {
    beforeEach(async () => {
      await db.collection('orders').insertMany([
        { customer: 'a', total: 10, items: ['x', 'y'] },
        { customer: 'a', total: 5, items: ['x'] },
        { customer: 'b', total: 7, items: ['z'] },
      ]);
    });

    it('runs $match, $group, $sort, $project, $unwind, $count, $skip, $limit and $addFields', async () => {
      const orders = db.collection('orders');
      expect(
        await orders.aggregate([
          { $match: { total: { $gte: 5 } } },
          { $group: { _id: '$customer', spent: { $sum: '$total' } } },
          { $sort: { spent: -1 } },
        ]),
      ).toEqual([
        { _id: 'a', spent: 15 },
        { _id: 'b', spent: 7 },
      ]);
      expect(await orders.aggregate([{ $unwind: '$items' }, { $count: 'lines' }])).toEqual([{ lines: 4 }]);
      expect(await orders.aggregate([{ $match: { customer: 'b' } }, { $project: { _id: 0, total: 1 } }])).toEqual([{ total: 7 }]);
      const page = await orders.aggregate([{ $sort: { total: 1 } }, { $skip: 1 }, { $limit: 1 }, { $addFields: { flagged: true } }]);
      expect(page).toMatchObject([{ total: 7, flagged: true }]);
    });

    // FerretDB 1.24 returns 0 for `$sum: 1` and the literal "$_id" for a field path in $project.
    it.skipIf(ferret)('computes counts and renamed fields (FerretDB 1.24: wrong results)', async () => {
      const orders = db.collection('orders');
      expect(
        await orders.aggregate([
          { $group: { _id: '$customer', orders: { $sum: 1 } } },
          { $sort: { _id: 1 } },
          { $project: { _id: 0, customer: '$_id', orders: 1 } },
        ]),
      ).toEqual([
        { customer: 'a', orders: 2 },
        { customer: 'b', orders: 1 },
      ]);
    });

    it.skipIf(ferret)('runs $facet, $bucket and $replaceRoot (FerretDB 1.24: not implemented)', async () => {
      const orders = db.collection('orders');
      expect(await orders.aggregate([{ $facet: { count: [{ $count: 'n' }], big: [{ $match: { total: { $gt: 6 } } }, { $count: 'n' }] } }])).toEqual([
        { count: [{ n: 3 }], big: [{ n: 2 }] },
      ]);
      expect(await orders.aggregate([{ $bucket: { groupBy: '$total', boundaries: [0, 8, 20] } }])).toEqual([
        { _id: 0, count: 2 },
        { _id: 8, count: 1 },
      ]);
      expect(await orders.aggregate([{ $match: { total: 7 } }, { $replaceRoot: { newRoot: { who: '$customer' } } }])).toEqual([{ who: 'b' }]);
    });

    it('refuses stages that reach other collections, write, or run code', async () => {
      const orders = db.collection('orders');
      for (const stage of [
        { $lookup: { from: 'users', localField: 'customer', foreignField: '_id', as: 'u' } },
        { $unionWith: 'users' },
        { $graphLookup: { from: 'users', startWith: '$x', connectFromField: 'a', connectToField: 'b', as: 'c' } },
        { $out: 'stolen' },
        { $merge: { into: 'stolen' } },
        { $facet: { inner: [{ $lookup: { from: 'users', localField: 'a', foreignField: 'b', as: 'c' } }] } },
        { $group: { _id: null, x: { $accumulator: { init: 'function() {}' } } } },
      ]) {
        await expect(orders.aggregate([stage]), JSON.stringify(stage)).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
      }
    });
  });

  describe('indexes', () => {
    it('enforces unique keys per app, and answers 409 DUPLICATE_KEY', async () => {
      const users = db.collection('accounts');
      await users.createIndex({ keys: { email: 1 }, unique: true });
      await users.createIndex({ keys: { email: 1 }, unique: true });
      await users.insertOne({ email: 'ada@example.com' });
      const duplicate = users.insertOne({ email: 'ada@example.com' });
      await expect(duplicate).rejects.toMatchObject({ errorCode: 'DUPLICATE_KEY', status: 409 });
      await database({ appId: 'app_b' }, store).collection('accounts').insertOne({ email: 'ada@example.com' });
      expect(await users.countDocuments()).toBe(1);
    });

    it('reports duplicate keys from updates too', async () => {
      const users = db.collection('accounts');
      await users.createIndex({ keys: { email: 1 }, unique: true });
      await users.insertMany([{ _id: 'x', email: 'x@example.com' }, { _id: 'y', email: 'y@example.com' }]);
      await expect(users.updateOne({ _id: 'y' }, { $set: { email: 'x@example.com' } })).rejects.toMatchObject({ errorCode: 'DUPLICATE_KEY' });
      expect((await users.findOne({ _id: 'y' }))?.email).toBe('y@example.com');
    });

    it('creates TTL indexes where the database supports them (FerretDB 1.24 does not: the runtime sweeps)', async () => {
      const built = await db.collection('sessions').createIndex({ keys: { expires_at: 1 }, expireAfterSeconds: 60 });
      expect(built).toBe(!ferret);
      await expect(db.collection('sessions').createIndex({ keys: { a: 1, b: 1 }, expireAfterSeconds: 60 })).rejects.toMatchObject({
        errorCode: 'QUERY_NOT_ALLOWED',
      });
    });
  });

  describe('refused queries', () => {
    it('refuses operators that run code on the server', async () => {
      const items = db.collection('items');
      await expect(items.find({ $where: 'this.a == 1' })).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
      await expect(items.find({ $expr: { $function: { body: 'function() { return true }', args: [], lang: 'js' } } })).rejects.toMatchObject({
        errorCode: 'QUERY_NOT_ALLOWED',
      });
      await expect(items.find('{"$where": "1"}' as never)).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED' });
    });
  });
});
