/**
 * What lets a bulk write (updateMany, deleteMany, the TTL sweep) on a large embedded collection stay
 * linear and share the event loop.
 *
 * nedb keeps, per index key, one array of the documents holding it, and removes a document from it
 * by copying the array without it. Every document of an inbox shares `{app_id, user_id}` and most
 * share `{app_id, user_id, read}`, so marking 557,789 notifications read copied those arrays once per
 * document: quadratic, 1,013 s with the event loop blocked (issue #19). Walking each shared array
 * once per batch instead still made the whole write O(n²/batch): 60 ms batches over 150,000
 * notifications. Non-unique indexes are now KeyedIndex (./keyed-index.ts), where a document leaves
 * or is swapped in constant time; unique indexes hold one document per key, so one search per
 * document is all they need. The caller works in batches sized to BULK_BATCH_MS of work, with a
 * turn of the event loop between them.
 */
import type Datastore from '@seald-io/nedb';
import { compareThings, getDotValues } from '@seald-io/nedb/lib/model.js';
import type { Document } from '../types';
import { KeyedIndex } from './keyed-index';

/** Most documents one batch of a bulk write handles before yielding, however cheap they are. */
export const BULK_BATCH_SIZE = 500;

/** The work one batch aims at before yielding: other requests wait at most about this long behind a bulk write. */
export const BULK_BATCH_MS = 10;

/** Documents the first batch takes, before the cost of one is known. */
export const FIRST_BATCH_SIZE = 50;

/** The parts of nedb's Index and AVL tree used here (lib/indexes.js; its tree's `search` returns the node's own array). */
interface NedbIndex {
  _fields: string[];
  sparse: boolean;
  tree: { search(key: unknown): Document[] };
  remove(doc: Document | Document[]): void;
  insert(doc: Document): void;
}

type AnyIndex = NedbIndex | KeyedIndex;

/** The parts of nedb's Datastore used here. */
interface NedbInternals {
  indexes: Record<string, AnyIndex>;
  executor: { pushAsync<T>(task: () => Promise<T>): Promise<T> };
}

const internals = (ds: Datastore<Document>) => ds as unknown as NedbInternals;

/** Lets timers, I/O and other requests run between two batches. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The size of the next batch after one of `size` documents took `elapsedMs`: what fits in
 * BULK_BATCH_MS at that pace, at most double the last (one fast batch proves little) and at most
 * BULK_BATCH_SIZE. Documents differ in cost (size, indexes), so the size follows what is measured.
 */
export function nextBatchSize(size: number, elapsedMs: number): number {
  const fitting = elapsedMs > 0 ? Math.floor((size * BULK_BATCH_MS) / elapsedMs) : Infinity;
  return Math.max(1, Math.min(fitting, size * 2, BULK_BATCH_SIZE));
}

/** The stored document with this `_id` now (another write may have replaced or removed it since a snapshot). */
export function currentDocument(ds: Datastore<Document>, id: unknown): Document | undefined {
  return (internals(ds).indexes._id as NedbIndex).tree.search(id)[0];
}

/** Runs a task in nedb's queue, so no compaction rewrites the file while the task appends to it. */
export function inNedbQueue<T>(ds: Datastore<Document>, task: () => Promise<T>): Promise<T> {
  return internals(ds).executor.pushAsync(task);
}

/** Removes documents from every index of the collection. */
export function removeFromIndexes(ds: Datastore<Document>, docs: Document[]): void {
  if (docs.length === 0) return;
  for (const index of Object.values(internals(ds).indexes)) index.remove(docs);
}

/**
 * Puts `after` in `before`'s place when the index's key is the same for both, and answers whether it
 * did. A unique index's key holds one document: one search finds it.
 */
function swapIn(index: AnyIndex, before: Document, after: Document): boolean {
  if (index instanceof KeyedIndex) return index.replace(before, after);
  const key = getDotValues(before, index._fields);
  if (Array.isArray(key) || (key === undefined && index.sparse) || compareThings(key, getDotValues(after, index._fields)) !== 0) return false;
  const list = index.tree.search(key);
  const at = list.indexOf(before);
  if (at >= 0) list[at] = after;
  return true;
}

/**
 * Swaps stored documents for their new versions in every index; on a unique-key violation nothing
 * changes and the error is thrown. Where an update leaves an index's key as it was (the `_id`, the
 * user of a notification), the new version takes the old one's place; elsewhere the old one leaves
 * and the new one joins, as nedb's own update does.
 */
export function replaceInIndexes(ds: Datastore<Document>, pairs: [before: Document, after: Document][]): void {
  const changes = Object.values(internals(ds).indexes).map((index) => {
    const swapped: [Document, Document][] = [];
    const moving: [Document, Document][] = [];
    for (const pair of pairs) (swapIn(index, pair[0], pair[1]) ? swapped : moving).push(pair);
    index.remove(moving.map(([before]) => before));
    return { index, swapped, moving, inserted: [] as Document[] };
  });
  try {
    for (const { index, moving, inserted } of changes) {
      for (const [, after] of moving) {
        index.insert(after);
        inserted.push(after);
      }
    }
  } catch (error) {
    for (const { index, swapped, moving, inserted } of changes) {
      index.remove(inserted);
      for (const [before] of moving) index.insert(before);
      for (const [before, after] of swapped) swapIn(index, after, before);
    }
    throw error;
  }
}
