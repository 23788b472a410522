/**
 * Regression (issue #19): `{$regex: "^(a+)+$"}` against 29 characters froze every request on the
 * embedded store for 10 s — V8's backtracking engine ran on the event loop. Patterns now run on RE2,
 * in every form a filter can carry one; patterns RE2 cannot run in linear time are refused with 400.
 *
 * Structural, not timed: V8's own RegExp exec must never see a stored value. The stored value is
 * short enough that the unfixed store only takes milliseconds to backtrack through it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { database, type Collection } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { makeTempDir } from '../support/config-dir';

const EVIL = '^(a+)+$';
const VALUE = `${'a'.repeat(16)}!`;

describe('regular expressions on the embedded store', () => {
  let store: EmbeddedStore;
  let items: Collection;
  let backtracked: number;
  const nativeExec = RegExp.prototype.exec;

  beforeAll(() => {
    // Counts V8 matching a stored value (RegExp#test and String#match go through exec too).
    RegExp.prototype.exec = function (this: RegExp, input: string) {
      if (input === VALUE) backtracked += 1;
      return nativeExec.call(this, input);
    };
  });
  afterAll(() => {
    RegExp.prototype.exec = nativeExec;
  });

  afterEach(async () => store?.close());

  async function open() {
    store = new EmbeddedStore(makeTempDir('mozaiks-regex-'));
    // The collection a plugin's ctx gets: namespaced and app-scoped.
    items = database({ appId: 'app_a' }, store).forPlugin('notes').collection('items');
    await items.insertMany([
      { name: VALUE, tags: [VALUE, 'x'] },
      { name: 'Apple pie', tags: ['fruit'] },
    ]);
    backtracked = 0;
  }

  it('matches every filter form on RE2, with the results MongoDB gives', async () => {
    await open();
    const names = async (filter: Record<string, unknown>) => (await items.find(filter)).map((doc) => doc.name);
    expect(await names({ name: { $regex: EVIL } })).toEqual([]);
    expect(await names({ name: { $regex: EVIL, $options: 'i' } })).toEqual([]);
    expect(await names({ name: { $regex: new RegExp(EVIL) } })).toEqual([]);
    expect(await names({ name: new RegExp(EVIL) })).toEqual([]);
    expect(await names({ name: { $in: [new RegExp(EVIL), 'nothing'] } })).toEqual([]);
    expect(await names({ name: { $nin: [new RegExp(EVIL)] } })).toEqual([VALUE, 'Apple pie']);
    expect(await names({ name: { $not: new RegExp(EVIL) } })).toEqual([VALUE, 'Apple pie']);
    expect(await names({ tags: { $all: [new RegExp(EVIL)] } })).toEqual([]);
    expect(await names({ $or: [{ name: { $regex: EVIL } }, { tags: { $elemMatch: { $regex: EVIL } } }] })).toEqual([]);
    expect(await names({ $expr: { $regexMatch: { input: '$name', regex: EVIL } } })).toEqual([]);
    // Ordinary patterns keep their meaning: options, anchors, classes, \u escapes.
    expect(await names({ name: { $regex: '^apple', $options: 'i' } })).toEqual(['Apple pie']);
    expect(await names({ name: /PIE$/i })).toEqual(['Apple pie']);
    expect(await names({ name: { $regex: '^a{16}\\u0021$' } })).toEqual([VALUE]);
    expect(await items.countDocuments({ tags: /^fru/ })).toBe(1);
    expect(backtracked).toBe(0);
  });

  it('runs pipelines, updates and deletes on RE2 too', async () => {
    await open();
    const found = await items.aggregate([
      { $match: { name: { $not: { $regex: EVIL } } } },
      { $project: { _id: 0, name: 1, evil: { $regexMatch: { input: '$name', regex: EVIL } }, first: { $regexFind: { input: '$name', regex: 'p(i)' } } } },
    ]);
    expect(found).toEqual([
      { name: VALUE, evil: false, first: null },
      { name: 'Apple pie', evil: false, first: { match: 'pi', idx: 6, captures: ['i'] } },
    ]);
    expect((await items.updateMany({ name: { $regex: EVIL } }, { $set: { hit: true } })).matchedCount).toBe(0);
    await items.updateMany({}, { $pull: { tags: { $regex: EVIL } } });
    expect((await items.findOne({ name: VALUE }))?.tags).toEqual([VALUE, 'x']);
    expect((await items.deleteMany({ name: new RegExp(EVIL) })).deletedCount).toBe(0);
    expect(backtracked).toBe(0);
  });

  it('refuses patterns without a linear-time match with 400 QUERY_NOT_ALLOWED', async () => {
    await open();
    for (const filter of [{ name: { $regex: '(a)\\1' } }, { name: /a(?=!)/ }, { name: { $in: [/(?<=a)!/] } }]) {
      await expect(items.find(filter)).rejects.toMatchObject({ errorCode: 'QUERY_NOT_ALLOWED', status: 400 });
    }
    await expect(items.aggregate([{ $project: { m: { $regexMatch: { input: '$name', regex: '(a)\\1' } } } }])).rejects.toMatchObject({
      errorCode: 'QUERY_NOT_ALLOWED',
    });
  });
});
