import Index from '@seald-io/nedb/lib/indexes.js';
import { compareThings } from '@seald-io/nedb/lib/model.js';
import { describe, expect, it } from 'vitest';
import type { Document } from '../types';
import { KeyedIndex, keyText } from './keyed-index';

const when = new Date('2026-01-01T00:00:00Z');
/** Values of every kind nedb orders, with pairs that are equal under compareThings without being identical. */
const VALUES: unknown[] = [
  undefined, null, 0, -0, 1, 1.5, -1, 1e21, '', '1', 'a', 'a;', 'S1:a', 'N1;', true, false,
  when, new Date(when.getTime()), new Date(0), [], [1, 2], [1, 2], [[1], 2], ['1', 2], [1, [2]],
  {}, { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1 }, { x: 1 }, { a: '1' }, { a: [1, 2] }, { a: { b: 1 } }, { a: 1, b: undefined },
];

/** A small deterministic generator, so a failure replays. */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return { pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!, chance: (p: number) => next() < p };
}

const A = [1, 2, '1', null, undefined] as const;
const B = [true, false, when, new Date(when.getTime()), undefined] as const;
const TAGS = [[], ['x'], ['x', 'y'], 'x', undefined, [1, '1'], ['y', 'x']] as const;
const META = [{ x: 1 }, { x: '1' }, {}, undefined, { x: [1, 2] }] as const;

/** The same inserts, removals and updates applied to nedb's Index and to a KeyedIndex. */
function bothAfterOperations(options: { fieldName: string; sparse?: boolean }, seed: number) {
  const nedb = new Index(options);
  const keyed = new KeyedIndex(options);
  const { pick, chance } = generator(seed);
  const stored = new Map<string, Document>();
  const make = (id: string): Document => ({ _id: id, a: pick(A), b: pick(B), tags: pick(TAGS), meta: pick(META) });
  for (let step = 0; step < 600; step += 1) {
    const present = [...stored.keys()];
    if (present.length === 0 || chance(0.5)) {
      const doc = make(`d${step}`);
      nedb.insert(doc);
      keyed.insert(doc);
      stored.set(doc._id as string, doc);
    } else if (chance(0.5)) {
      const doc = stored.get(pick(present))!;
      nedb.remove(doc);
      keyed.remove(doc);
      stored.delete(doc._id as string);
    } else {
      const before = stored.get(pick(present))!;
      const after = make(before._id as string);
      nedb.update(before, after);
      keyed.update(before, after);
      stored.set(after._id as string, after);
    }
  }
  return { nedb, keyed };
}

const ids = (docs: Record<string, unknown>[]) => docs.map((doc) => doc._id);

describe('keyText', () => {
  it('is the same for two keys exactly when nedb orders them as equal', () => {
    for (const a of VALUES) {
      for (const b of VALUES) expect([a, b, keyText(a) === keyText(b)]).toEqual([a, b, compareThings(a, b) === 0]);
    }
  });
});

describe('KeyedIndex', () => {
  const keysOf = (fieldName: string): unknown[] => {
    if (fieldName === 'a,b') return A.flatMap((a) => B.map((b) => ({ a, b })));
    if (fieldName === 'a') return [...A];
    if (fieldName === 'b') return [...B];
    return [...new Set([...TAGS.flat(), ...TAGS, 1, 2, '1'])];
  };

  for (const options of [{ fieldName: 'a,b' }, { fieldName: 'tags' }, { fieldName: 'meta.x' }, { fieldName: 'a', sparse: true }, { fieldName: 'b', sparse: true }, { fieldName: 'a,b', sparse: true }]) {
    it(`answers as nedb's index on ${options.fieldName}${options.sparse ? ' (sparse)' : ''}, documents in the same order`, () => {
      for (const seed of [1, 2, 3]) {
        const { nedb, keyed } = bothAfterOperations(options, seed);
        const rebuilt = KeyedIndex.from(nedb);
        for (const index of [keyed, rebuilt]) {
          expect(ids(index.getAll())).toEqual(ids(nedb.getAll()));
          for (const key of keysOf(options.fieldName)) {
            expect([key, ids(index.getMatching(key))]).toEqual([key, ids(nedb.getMatching(key))]);
            if (!Array.isArray(key)) expect(index.countMatching(key)).toBe(nedb.getMatching(key).length);
          }
          expect(ids(index.getMatching([1, '1', 'x']))).toEqual(ids(nedb.getMatching([1, '1', 'x'])));
          for (const bounds of [{ $gte: 1, $lt: '1' }, { $gt: null }, { $lte: when }, { $gt: 1, $gte: 2 }]) {
            expect(ids(index.getBetweenBounds(bounds))).toEqual(ids(nedb.getBetweenBounds(bounds)));
          }
        }
      }
    });
  }

  it('swaps a new version into its place when the key is unchanged, and refuses when it changed', () => {
    const index = new KeyedIndex({ fieldName: 'user_id,read' });
    const docs = Array.from({ length: 5 }, (_, n) => ({ _id: `d${n}`, user_id: 'u1', read: false, n }));
    index.insert(docs);
    const renamed = { ...docs[2]!, title: 'new' };
    expect(index.replace(docs[2]!, renamed)).toBe(true);
    expect(index.getMatching({ user_id: 'u1', read: false })).toEqual([docs[0], docs[1], renamed, docs[3], docs[4]]);
    expect(index.replace(docs[3]!, { ...docs[3]!, read: true })).toBe(false);
    expect(index.replace(docs[4]!, { ...docs[4]!, _id: 'other' })).toBe(false);
    expect(index.countMatching({ user_id: 'u1', read: false })).toBe(5);
  });
});
