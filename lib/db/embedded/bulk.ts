/**
 * What lets a bulk write (updateMany, deleteMany, the TTL sweep) on a large embedded collection stay
 * linear and share the event loop.
 *
 * nedb keeps, per index key, one array of the documents holding it, and removes a document from it
 * by copying the array without it. Every document of an inbox shares `{app_id, user_id}` and most
 * share `{app_id, user_id, read}`, so marking 557,789 notifications read copied those arrays once per
 * document: quadratic, 1,013 s with the event loop blocked and RSS swinging to 2.7 GB (issue #19).
 * Here a batch of documents leaves each shared array in one pass, and the caller works in batches of
 * BULK_BATCH_SIZE with a turn of the event loop between them.
 */
import type Datastore from '@seald-io/nedb';
import { compareThings, getDotValues } from '@seald-io/nedb/lib/model.js';
import type { Document } from '../types';

/** Documents one batch of a bulk write handles before yielding; a batch takes a few milliseconds. */
export const BULK_BATCH_SIZE = 500;

/** Below this many documents per key, nedb's own removal (a copy of the array) is as cheap. */
const SHARED_KEY_MIN = 16;

/** The parts of nedb's Index and AVL tree used here (lib/indexes.js; its tree's `search` returns the node's own array). */
interface NedbIndex {
  _fields: string[];
  sparse: boolean;
  tree: { search(key: unknown): Document[]; delete(key: unknown, value?: Document): void };
  remove(doc: Document): void;
  insert(doc: Document): void;
}

/** The parts of nedb's Datastore used here. */
interface NedbInternals {
  indexes: Record<string, NedbIndex>;
  executor: { pushAsync<T>(task: () => Promise<T>): Promise<T> };
  _addToIndexes(doc: Document): void;
}

const internals = (ds: Datastore<Document>) => ds as unknown as NedbInternals;

/** Lets timers, I/O and other requests run between two batches. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The stored document with this `_id` now (another write may have replaced or removed it since a snapshot). */
export function currentDocument(ds: Datastore<Document>, id: unknown): Document | undefined {
  return internals(ds).indexes._id!.tree.search(id)[0];
}

/** Runs a task in nedb's queue, so no compaction rewrites the file while the task appends to it. */
export function inNedbQueue<T>(ds: Datastore<Document>, task: () => Promise<T>): Promise<T> {
  return internals(ds).executor.pushAsync(task);
}

function removeFromIndex(index: NedbIndex, docs: Document[]): void {
  const shared = new Map<Document[], { key: unknown; docs: Set<Document> }>();
  const multiKey: Document[] = [];
  for (const doc of docs) {
    const key = getDotValues(doc, index._fields);
    if (key === undefined && index.sparse) continue;
    // A document indexed under several keys (an array field) is removed after the shared arrays are
    // rewritten: nedb's removal would replace an array this pass still holds.
    if (Array.isArray(key)) {
      multiKey.push(doc);
      continue;
    }
    const list = index.tree.search(key);
    if (list.length < SHARED_KEY_MIN) {
      index.tree.delete(key, doc);
      continue;
    }
    let entry = shared.get(list);
    if (!entry) shared.set(list, (entry = { key, docs: new Set() }));
    entry.docs.add(doc);
  }
  for (const [list, { key, docs: leaving }] of shared) {
    let kept = 0;
    for (const doc of list) if (!leaving.has(doc)) list[kept++] = doc;
    list.length = kept;
    if (kept === 0) index.tree.delete(key);
  }
  for (const doc of multiKey) index.remove(doc);
}

/** Removes documents from every index of the collection, each shared key's array rewritten once. */
export function removeFromIndexes(ds: Datastore<Document>, docs: Document[]): void {
  if (docs.length === 0) return;
  for (const index of Object.values(internals(ds).indexes)) removeFromIndex(index, docs);
}

/** Adds documents to every index; on a unique-key violation none of them stays added and the error is thrown. */
export function addToIndexes(ds: Datastore<Document>, docs: Document[]): void {
  const added: Document[] = [];
  try {
    for (const doc of docs) {
      internals(ds)._addToIndexes(doc);
      added.push(doc);
    }
  } catch (error) {
    removeFromIndexes(ds, added);
    throw error;
  }
}

/** Puts `after` where `before` was in the lists of unchanged keys (one pass per shared list). */
function swapInIndex(index: NedbIndex, swaps: [key: unknown, before: Document, after: Document][]): void {
  const shared = new Map<Document[], Map<Document, Document>>();
  for (const [key, before, after] of swaps) {
    const list = index.tree.search(key);
    if (list.length < SHARED_KEY_MIN) {
      const at = list.indexOf(before);
      if (at >= 0) list[at] = after;
      continue;
    }
    let replacements = shared.get(list);
    if (!replacements) shared.set(list, (replacements = new Map()));
    replacements.set(before, after);
  }
  for (const [list, replacements] of shared) {
    for (let at = 0; at < list.length; at += 1) list[at] = replacements.get(list[at]!) ?? list[at]!;
  }
}

/**
 * Swaps stored documents for their new versions in every index; on a unique-key violation nothing
 * changes and the error is thrown. Where an update leaves an index's key as it was (the `_id`, the
 * user of a notification), the new version takes the old one's place: nedb would take it out of
 * the tree and put it back, comparing compound keys all the way down and back.
 */
export function replaceInIndexes(ds: Datastore<Document>, pairs: [before: Document, after: Document][]): void {
  const moved: { index: NedbIndex; pairs: [Document, Document][] }[] = [];
  const swapped: { index: NedbIndex; swaps: [unknown, Document, Document][] }[] = [];
  for (const index of Object.values(internals(ds).indexes)) {
    const swaps: [unknown, Document, Document][] = [];
    const moving: [Document, Document][] = [];
    for (const [before, after] of pairs) {
      const key = getDotValues(before, index._fields);
      const unchanged = !Array.isArray(key) && (key !== undefined || !index.sparse) && compareThings(key, getDotValues(after, index._fields)) === 0;
      if (unchanged) swaps.push([key, before, after]);
      else moving.push([before, after]);
    }
    swapInIndex(index, swaps);
    swapped.push({ index, swaps });
    removeFromIndex(index, moving.map(([before]) => before));
    moved.push({ index, pairs: moving });
  }
  const inserted: { index: NedbIndex; docs: Document[] }[] = [];
  try {
    for (const { index, pairs: moving } of moved) {
      const docs: Document[] = [];
      inserted.push({ index, docs });
      for (const [, after] of moving) {
        index.insert(after);
        docs.push(after);
      }
    }
  } catch (error) {
    for (const { index, docs } of inserted) removeFromIndex(index, docs);
    for (const { index, pairs: moving } of moved) for (const [before] of moving) index.insert(before);
    for (const { index, swaps } of swapped) swapInIndex(index, swaps.map(([key, before, after]) => [key, after, before]));
    throw error;
  }
}
