/**
 * Regression (issue #19): `$text` and `$jsonSchema` filters answered 500 — mingo threw an internal
 * error on the embedded store, and FerretDB's BadValue was reported as INVALID_WRITE. Where a store
 * cannot run them they are the caller's query: 400 QUERY_NOT_ALLOWED, with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database } from '@/lib/db';
import { startTargets, storeTargets } from '../support/stores';

describe.each(storeTargets())('filters $kind cannot run', (target) => {
  beforeAll(async () => startTargets([target]));
  afterAll(async () => target.teardown());

  it('refuses $text (no text index) and $jsonSchema where unsupported with 400 QUERY_NOT_ALLOWED', async () => {
    const { store, dispose } = await target.open();
    try {
      const notes = database({ appId: 'app_a' }, store).forPlugin('notes').collection('notes');
      await notes.insertOne({ title: 'hello world' });
      const refused = { errorCode: 'QUERY_NOT_ALLOWED', status: 400 };
      await expect(notes.find({ $text: { $search: 'hello' } })).rejects.toMatchObject(refused);
      await expect(notes.countDocuments({ $or: [{ $text: { $search: 'hello' } }] })).rejects.toMatchObject(refused);
      // MongoDB itself runs $jsonSchema.
      if (target.kind !== 'mongodb') {
        await expect(notes.find({ $jsonSchema: { required: ['title'] } })).rejects.toMatchObject(refused);
        await expect(notes.updateMany({ $jsonSchema: { required: ['title'] } }, { $set: { a: 1 } })).rejects.toMatchObject(refused);
      }
      await expect(notes.aggregate([{ $match: { $text: { $search: 'hello' } } }])).rejects.toMatchObject({ status: 400 });
    } finally {
      await dispose();
    }
  });
});
