/**
 * A non-unique index of the embedded store, in place of nedb's (lib/indexes.js) behind the same
 * interface. nedb keeps each key's documents in one array inside an AVL tree ordered by
 * `compareThings`, so taking a document out of a key every inbox shares meant walking or copying
 * ~200,000 entries, and finding its key meant comparing compound keys down the tree (issue #19).
 * Here a key is found by its text (`keyText`, equal exactly when nedb's order says equal) and holds
 * its documents in a Map by `_id` (or, alone, its one document), in the order they took the key: a document joins, leaves or is
 * swapped for its new version in constant time however many documents share its key, and readers
 * still get the same documents in the same order. Unique indexes stay nedb's: their keys hold one
 * document each.
 */
import { compareThings, getDotValues } from '@seald-io/nedb/lib/model.js';
import type { Document } from '../types';

type IdKey = string | number | boolean | bigint | symbol | null | undefined;

interface KeyList {
  /** The key itself (for key order), found from a document when first needed. */
  key?: { value: unknown };
  /**
   * The documents by `_id`, in the order they took the key; a key held by one document holds it
   * alone (most keys of a date field), which spares a Map per key: 26 of 165 MiB of heap for an inbox of
   * 150,000 notifications (nedb's own arrays took 114).
   */
  docs: Map<IdKey, Document> | Document;
  /** The documents as an array, built when read and dropped when the list changes (never mutated once handed out). */
  array: Document[] | undefined;
}

/** The part of nedb's Index read to build a KeyedIndex from it (its AVL tree's nodes, in key order). */
interface NedbIndexTree {
  unique: boolean;
  tree: { executeOnEveryNode(visit: (node: { key: unknown; data: Document[] }) => void): void };
}

/** What nedb's Index keeps of its options, and what its persistence writes back on compaction. */
export interface IndexOptions {
  fieldName: string;
  sparse?: boolean;
}

const isDate = (value: unknown): value is Date => typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Date]';

/**
 * A text for an index key that two keys share exactly when nedb's `compareThings` finds them equal:
 * typed and self-delimiting, numbers by value (0 and -0 alike), dates by time, arrays element by
 * element, objects by their values in sorted-key order (compareThings ignores the key names).
 */
export function keyText(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null) return 'n';
  switch (typeof value) {
    case 'number':
      return `N${String(value)};`;
    case 'string':
      return `S${value.length}:${value}`;
    case 'boolean':
      return value ? 'T' : 'F';
  }
  if (isDate(value)) return `D${value.getTime()};`;
  if (Array.isArray(value)) {
    let text = `A${value.length}:`;
    for (const item of value) text += keyText(item);
    return text;
  }
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record).sort();
  let text = `O${fields.length}:`;
  for (const field of fields) text += keyText(record[field]);
  return text;
}

/** What a sparse index leaves out, as nedb's Index.insert decides: no value, or an object of none (a compound key's fields all missing). */
const isMissing = (key: unknown) => key === undefined || (typeof key === 'object' && key !== null && Object.values(key).every((part) => part === undefined));

/** A document's `_id` as a Map key: itself when a primitive, else one symbol per equal value (ids are unique by nedb's order). */
function idKey(id: unknown): IdKey {
  return (typeof id === 'object' && id !== null) || typeof id === 'function' ? Symbol.for(keyText(id)) : (id as IdKey);
}

export class KeyedIndex {
  readonly fieldName: string;
  readonly _fields: string[];
  readonly unique = false;
  readonly sparse: boolean;
  /** The fields in the order `keyText` reads a compound key's values; undefined when a field is a path (a.b). */
  private readonly plainFields: string[] | undefined;
  private lists = new Map<string, KeyList>();

  constructor(options: IndexOptions) {
    this.fieldName = options.fieldName;
    this._fields = options.fieldName.split(',');
    this.sparse = options.sparse ?? false;
    this.plainFields = this._fields.some((field) => field.includes('.')) ? undefined : [...this._fields].sort();
  }

  /** The same index built from nedb's: its keys in order, each key's documents in nedb's order. */
  static from(index: NedbIndexTree & IndexOptions): KeyedIndex {
    const keyed = new KeyedIndex({ fieldName: index.fieldName, sparse: index.sparse });
    index.tree.executeOnEveryNode((node) => {
      for (const doc of node.data) keyed.add(keyText(node.key), doc);
    });
    return keyed;
  }

  /** The keys a document is indexed under: none (sparse, field missing), one, or one per array element. */
  private keysOf(doc: Document): unknown[] {
    const key = getDotValues(doc, this._fields);
    if (this.sparse && isMissing(key)) return [];
    return Array.isArray(key) ? key : [key];
  }

  /**
   * `keysOf` as texts. Where no field is a path, read straight from the document: nedb's
   * getDotValues splits each field name and builds a key object, per document and index.
   */
  private textsOf(doc: Document): string[] {
    const fields = this.plainFields;
    if (!fields) return this.keysOf(doc).map(keyText);
    if (fields.length === 1) {
      const value = doc[fields[0]!];
      if (this.sparse && isMissing(value)) return [];
      return Array.isArray(value) ? value.map(keyText) : [keyText(value)];
    }
    if (this.sparse && fields.every((field) => doc[field] === undefined)) return [];
    let text = `O${fields.length}:`;
    for (const field of fields) text += keyText(doc[field]);
    return [text];
  }

  private add(text: string, doc: Document): void {
    const list = this.lists.get(text);
    if (!list) {
      this.lists.set(text, { docs: doc, array: undefined });
      return;
    }
    const id = idKey(doc._id);
    if (list.docs instanceof Map) list.docs.set(id, doc);
    else if (idKey(list.docs._id) === id) list.docs = doc;
    else list.docs = new Map([[idKey(list.docs._id), list.docs], [id, doc]]);
    list.array = undefined;
  }

  private drop(text: string, doc: Document): void {
    const list = this.lists.get(text);
    if (!list) return;
    // By identity, as nedb removes: only the stored version leaves.
    if (!(list.docs instanceof Map)) {
      if (list.docs === doc) this.lists.delete(text);
      return;
    }
    const id = idKey(doc._id);
    if (list.docs.get(id) !== doc) return;
    list.docs.delete(id);
    list.array = undefined;
    if (list.docs.size === 0) this.lists.delete(text);
  }

  /** Empties the index, then indexes `newData` if given. */
  reset(newData?: Document | Document[]): void {
    this.lists = new Map();
    if (newData) this.insert(newData);
  }

  /** Indexes a document (or several); a non-unique index refuses none. */
  insert(doc: Document | Document[]): void {
    if (Array.isArray(doc)) {
      for (const one of doc) this.insert(one);
      return;
    }
    for (const text of this.textsOf(doc)) this.add(text, doc);
  }

  /** Takes a document (or several) out of the index. */
  remove(doc: Document | Document[]): void {
    if (Array.isArray(doc)) {
      for (const one of doc) this.remove(one);
      return;
    }
    for (const text of this.textsOf(doc)) this.drop(text, doc);
  }

  /** nedb's update: the old version leaves and the new one joins at the end of its keys. */
  update(oldDoc: Document | { oldDoc: Document; newDoc: Document }[], newDoc?: Document): void {
    if (Array.isArray(oldDoc)) {
      for (const pair of oldDoc) this.remove(pair.oldDoc);
      for (const pair of oldDoc) this.insert(pair.newDoc);
      return;
    }
    this.remove(oldDoc);
    this.insert(newDoc!);
  }

  revertUpdate(oldDoc: Document | { oldDoc: Document; newDoc: Document }[], newDoc?: Document): void {
    if (Array.isArray(oldDoc)) this.update(oldDoc.map((pair) => ({ oldDoc: pair.newDoc, newDoc: pair.oldDoc })));
    else this.update(newDoc!, oldDoc);
  }

  /**
   * Puts `after` in `before`'s place in each of its keys when both versions have the same single key
   * and `_id`, and answers whether it did; otherwise nothing changes (the caller removes and inserts).
   */
  replace(before: Document, after: Document): boolean {
    const texts = this.textsOf(before);
    const next = this.textsOf(after);
    if (texts.length > 1 || next.length !== texts.length) return false;
    if (texts.length === 0) return true;
    const text = texts[0]!;
    const id = idKey(before._id);
    if (next[0] !== text || idKey(after._id) !== id) return false;
    const list = this.lists.get(text);
    if (!list) return true;
    if (list.docs instanceof Map) {
      if (list.docs.get(id) === before) list.docs.set(id, after);
    } else if (list.docs === before) list.docs = after;
    list.array = undefined;
    return true;
  }

  private documentsOf(list: KeyList | undefined): Document[] {
    if (!list) return [];
    return (list.array ??= list.docs instanceof Map ? Array.from(list.docs.values()) : [list.docs]);
  }

  /** The documents under a key, or under any of an array of keys (each once, as nedb answers). */
  getMatching(value: unknown): Document[] {
    if (!Array.isArray(value)) return this.documentsOf(this.lists.get(keyText(value)));
    const byId: Record<string, Document> = {};
    for (const one of value) for (const doc of this.getMatching(one)) byId[doc._id as string] = doc;
    return Object.values(byId);
  }

  /** How many documents are under a key, without listing them. */
  countMatching(value: unknown): number {
    const docs = this.lists.get(keyText(value))?.docs;
    return docs instanceof Map ? docs.size : docs ? 1 : 0;
  }

  /** A list's key, from one of its documents (of an array field, the element whose text is the list's). */
  private keyOf(text: string, list: KeyList): unknown {
    if (!list.key) {
      const doc = list.docs instanceof Map ? list.docs.values().next().value! : list.docs;
      list.key = { value: this.keysOf(doc).find((key) => keyText(key) === text) };
    }
    return list.key.value;
  }

  /** The lists whose key passes `keep`, in key order. */
  private listsInOrder(keep: (key: unknown) => boolean = () => true): KeyList[] {
    return [...this.lists]
      .map(([text, list]) => ({ key: this.keyOf(text, list), list }))
      .filter(({ key }) => keep(key))
      .sort((a, b) => compareThings(a.key, b.key))
      .map(({ list }) => list);
  }

  /** The documents whose key meets every bound given ($gt, $gte, $lt, $lte), in key order. */
  getBetweenBounds(query: { $gt?: unknown; $gte?: unknown; $lt?: unknown; $lte?: unknown }): Document[] {
    const has = (bound: string) => Object.prototype.hasOwnProperty.call(query, bound);
    const within = (key: unknown) =>
      (!has('$gt') || compareThings(key, query.$gt) > 0) &&
      (!has('$gte') || compareThings(key, query.$gte) >= 0) &&
      (!has('$lt') || compareThings(key, query.$lt) < 0) &&
      (!has('$lte') || compareThings(key, query.$lte) <= 0);
    return this.listsInOrder(within).flatMap((list) => this.documentsOf(list));
  }

  /** Every indexed document, in key order. */
  getAll(): Document[] {
    return this.listsInOrder().flatMap((list) => this.documentsOf(list));
  }
}

/**
 * Puts a KeyedIndex in place of each non-unique nedb index of a datastore. nedb builds its own
 * indexes when it loads a file and in `ensureIndexAsync`: call this after each.
 */
export function installKeyedIndexes(indexes: Record<string, unknown>): void {
  for (const [name, index] of Object.entries(indexes)) {
    if (name === '_id' || index instanceof KeyedIndex || (index as NedbIndexTree).unique) continue;
    indexes[name] = KeyedIndex.from(index as NedbIndexTree & IndexOptions);
  }
}
