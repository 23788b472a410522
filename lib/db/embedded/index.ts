/**
 * The embedded store: used when DATABASE_URI is unset, so the app runs with nothing to install.
 *
 * Storage is @seald-io/nedb, one append-only file per collection under `<MOZAIKS_DATA_DIR>/db/`:
 * a write is acknowledged once its line is appended, so it survives the process being killed, and
 * compaction rewrites the file through a temporary file and a rename. Query, update and aggregation
 * semantics come from mingo, which follows MongoDB far more closely than nedb's own matcher; nedb
 * still enforces unique indexes and hands out the documents, and its non-unique indexes are replaced
 * by KeyedIndex (./keyed-index.ts) once built. Writes to one collection are serialised,
 * so read-modify-write operations ($inc, upserts, findOneAndUpdate) are atomic.
 */
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Datastore from '@seald-io/nedb';
import { logger } from '@/lib/runtime/logger';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import { ApiError } from '@/lib/errors';
import { duplicateKey, invalidWrite, queryNotAllowed } from '../errors';
import { newId } from '../scope';
import type { Document, FindOptions, IndexSpec, Store, StoreCollection, StoreSize, UpdateResult } from '../types';
import { currentDocument, FIRST_BATCH_SIZE, inNedbQueue, nextBatchSize, removeFromIndexes, replaceInIndexes, yieldToEventLoop } from './bulk';
import { installKeyedIndexes } from './keyed-index';
import { Aggregator, applyUpdate } from './mingo';
import { compiledQuery, MATCH_ALL } from './queries';
import { embeddedStoreBytes } from './size';

/** How often each collection file is compacted (rewritten without superseded lines). */
const COMPACTION_INTERVAL_MS = 10 * 60 * 1000;
/** How long a measured store size is reported before it is counted again. */
const SIZE_CACHE_MS = 5_000;
/** How often expired documents of TTL indexes are removed (MongoDB's TTL monitor also runs every 60 s). */
export const TTL_SWEEP_INTERVAL_MS = 60 * 1000;

const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,127}$/;

/** The part of an nedb index the candidate lookup uses (nedb's Index: `getMatching` takes a value, an array of values, or for a compound index an object of field values). */
interface NedbIndex {
  unique: boolean;
  getMatching(value: unknown): Document[];
  /** How many documents hold a key, where the index can tell without listing them (./keyed-index.ts). */
  countMatching?(value: unknown): number;
}

/** Serialises async work: each task starts after the previous one settled. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One document as nedb stores it: a JSON line with dates as `{"$$date": ms}` (nedb's model.serialize). */
function serializeLine(doc: Document): string {
  return JSON.stringify(doc, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $$date: raw.getTime() } : value;
  });
}

/**
 * nedb appends each write with fs.promises.appendFile: a thread-pool round trip per write, while its
 * queue holds every other operation on the collection. Appending the lines synchronously costs a few
 * microseconds, keeps the guarantee (acknowledged once the line is in the file) and, measured on the
 * notification path, lets the store take about half again as many writes per second.
 */
function appendSynchronously(ds: Datastore<Document>, file: string): void {
  const persistence = ds.persistence as unknown as { persistNewStateAsync(docs: Document[]): Promise<void> };
  persistence.persistNewStateAsync = async (docs) => {
    if (docs.length === 0) return;
    appendFileSync(file, docs.map((doc) => `${serializeLine(doc)}\n`).join(''), { encoding: 'utf8', mode: 0o644 });
  };
}

/**
 * A killed process can leave half a line at the end of a collection file. That write was never
 * acknowledged (acknowledgement waits for the whole line), so dropping it loses nothing, and it
 * keeps nedb's corruption check for real damage.
 */
function dropTornTail(file: string): void {
  if (!existsSync(file)) return;
  const size = statSync(file).size;
  if (size === 0) return;
  const fd = openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last.toString() === '\n') return;
  } finally {
    closeSync(fd);
  }
  const text = readFileSync(file, 'utf8');
  const keep = text.lastIndexOf('\n') + 1;
  truncateSync(file, Buffer.byteLength(text.slice(0, keep)));
  logger.warn('embedded store: dropped an unacknowledged partial write', { file });
}

/**
 * A projection that only lists top-level fields to keep (`{a: 1, b: 1}`, `_id` kept unless `_id: 0`)
 * or to drop (`{a: 0}`), applied without mingo; undefined for anything else (paths, operators, mixes).
 */
function topLevelProjection(projection: Document): ((doc: Document) => Document) | undefined {
  const key = JSON.stringify(projection);
  if (projections.has(key)) return projections.get(key);
  const picker = projectionPicker(projection);
  if (projections.size >= MAX_PROJECTIONS) projections.clear();
  projections.set(key, picker);
  return picker;
}

/** Pickers per projection (as JSON text): the few projections an app's code uses, each built once. */
const projections = new Map<string, ((doc: Document) => Document) | undefined>();
const MAX_PROJECTIONS = 500;

function projectionPicker(projection: Document): ((doc: Document) => Document) | undefined {
  const entries = Object.entries(projection);
  if (entries.length === 0) return undefined;
  const flags: boolean[] = [];
  for (const [field, value] of entries) {
    if (field.includes('.') || field.startsWith('$') || !(value === 0 || value === 1 || value === true || value === false)) return undefined;
    if (field !== '_id') flags.push(Boolean(value));
  }
  const including = flags.length === 0 ? !entries.every(([, value]) => !value) : flags[0]!;
  if (flags.some((flag) => flag !== including)) return undefined;
  const fields = entries.filter(([field]) => field !== '_id').map(([field]) => field);
  const keepId = !entries.some(([field, value]) => field === '_id' && !value);
  if (including) {
    const kept = new Set(keepId ? [...fields, '_id'] : fields);
    return (doc) => {
      // In the document's own field order, as MongoDB answers.
      const picked: Document = {};
      for (const field of Object.keys(doc)) if (kept.has(field)) picked[field] = doc[field];
      return picked;
    };
  }
  return (doc) => {
    const kept: Document = { ...doc };
    for (const field of fields) delete kept[field];
    if (!keepId) delete kept._id;
    return kept;
  };
}

/**
 * A deep copy. Stored documents are JSON values and Dates almost always; those are copied directly,
 * which is several times faster than structuredClone on the small documents of a typical read (its
 * serialization round trip was a tenth of a plugin call). Anything else (a Map, a typed array, a
 * RegExp, an object with a prototype) goes to structuredClone whole, so nothing is copied wrongly.
 */
function clone<T>(value: T): T {
  // A function (or symbol) cannot be stored: structuredClone refuses it as before.
  if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let index = 0; index < value.length; index += 1) copy[index] = clone(value[index]);
    return copy as T;
  }
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = clone((value as Record<string, unknown>)[key]);
  return copy as T;
}

function isOperatorObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    Object.keys(value).some((key) => key.startsWith('$'))
  );
}

/** The equality fields of a filter, which MongoDB copies into a document created by an upsert. */
function equalityFields(filter: Document, into: Document = {}): Document {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) equalityFields(part as Document, into);
    } else if (!key.startsWith('$')) {
      if (!isOperatorObject(value)) into[key] = clone(value);
      else if (value && typeof value === 'object' && '$eq' in value) into[key] = clone((value as Document).$eq);
    }
  }
  return into;
}

function setPath(doc: Document, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let target: Document = doc;
  for (const part of parts.slice(0, -1)) {
    if (typeof target[part] !== 'object' || target[part] === null) target[part] = {};
    target = target[part] as Document;
  }
  target[parts.at(-1)!] = value;
}

function getPath(doc: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((value, part) => {
    if (Array.isArray(value)) return value.flatMap((item) => (item && typeof item === 'object' ? [(item as Document)[part]] : []));
    return value && typeof value === 'object' ? (value as Document)[part] : undefined;
  }, doc);
}

/** MongoDB refuses $inc/$mul on a field holding something other than a number; mingo would silently skip it. */
function assertNumericTargets(doc: Document, modifier: Document): void {
  for (const operator of ['$inc', '$mul'] as const) {
    const fields = modifier[operator];
    if (!fields || typeof fields !== 'object') continue;
    for (const [field, amount] of Object.entries(fields)) {
      if (typeof amount !== 'number') throw invalidWrite(`${operator} needs a number for "${field}"`);
      const current = getPath(doc, field);
      if (current !== undefined && current !== null && typeof current !== 'number') {
        throw invalidWrite(`Cannot apply ${operator} to "${field}": it holds a ${Array.isArray(current) ? 'list' : typeof current}, not a number`);
      }
    }
  }
}

const isPlainObject = (value: unknown): value is Document =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * `$set` and `$inc` on plain paths (no positional `$`, no arrays on the way), applied directly:
 * most writes are these, and mingo's update builds a context with every operator table on each call
 * (about 100 µs, 40 % of a small update). Returns null when the update needs mingo's semantics.
 */
function applySimpleUpdate(doc: Document, modifier: Document): boolean | null {
  const operators = Object.keys(modifier);
  if (!operators.every((operator) => operator === '$set' || operator === '$inc')) return null;
  const steps: [operator: string, parent: Document | undefined, path: string[], value: unknown][] = [];
  for (const operator of operators) {
    const fields = modifier[operator];
    if (!isPlainObject(fields)) return null;
    for (const [field, value] of Object.entries(fields)) {
      const parts = field.split('.');
      if (parts.some((part) => part === '' || part.startsWith('$'))) return null;
      let parent: unknown = doc;
      for (const part of parts.slice(0, -1)) {
        parent = (parent as Document)[part];
        if (parent === undefined) break;
        if (!isPlainObject(parent)) return null;
      }
      steps.push([operator, parent as Document | undefined, parts, value]);
    }
  }
  let changed = false;
  for (const [operator, parent, parts, value] of steps) {
    const leaf = parts.at(-1)!;
    const current = parent?.[leaf];
    const next = operator === '$inc' ? ((current as number | undefined) ?? 0) + (value as number) : value;
    if (parent && leaf in parent && isDeepStrictEqual(current, next)) continue;
    setPath(doc, parts.join('.'), clone(next));
    changed = true;
  }
  return changed;
}

/** Applies an operator update to a copy; `$setOnInsert` only counts when inserting. Returns null when nothing changed. */
function updatedCopy(doc: Document, modifier: Document, inserting: boolean): Document | null {
  const { $setOnInsert, ...rest } = modifier;
  const next = clone(doc);
  assertNumericTargets(next, rest);
  const simple = Object.keys(rest).length ? applySimpleUpdate(next, rest) : false;
  const changed = simple !== null ? (simple ? ['changed'] : []) : applyUpdate(next, rest);
  if (inserting && $setOnInsert && typeof $setOnInsert === 'object') {
    for (const [field, value] of Object.entries($setOnInsert)) setPath(next, field, clone(value));
    return next;
  }
  return changed.length ? next : null;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errorType?: string }).errorType === 'uniqueViolated';
}

/** nedb names a compound index by its fields joined with commas. */
const fieldsOfIndex = new Map<string, string[]>();
function indexFields(name: string): string[] {
  let fields = fieldsOfIndex.get(name);
  if (!fields) fieldsOfIndex.set(name, (fields = name.split(',')));
  return fields;
}

class EmbeddedCollection implements StoreCollection {
  private readonly ds: Datastore<Document>;
  private readonly loaded: Promise<void>;
  /** Set once `loaded` has resolved: reads then skip waiting on it (every await on the hot path costs). */
  private isLoaded = false;
  private readonly writes = new Mutex();
  private readonly ttl = new Map<string, number>();

  constructor(
    readonly name: string,
    file: string,
  ) {
    dropTornTail(file);
    this.ds = new Datastore<Document>({ filename: file, autoload: false });
    appendSynchronously(this.ds, file);
    this.loaded = this.ds.loadDatabaseAsync().then(() => {
      installKeyedIndexes(this.indexes);
      this.ds.setAutocompactionInterval(COMPACTION_INTERVAL_MS);
      this.isLoaded = true;
    });
  }

  /** nedb's indexes by name (a compound index's fields joined with commas). */
  private get indexes(): Record<string, NedbIndex> {
    return (this.ds as unknown as { indexes: Record<string, NedbIndex> }).indexes;
  }

  /** nedb's persistence: appends lines to the collection file (synchronously, see appendSynchronously). */
  private get persistence(): { persistNewStateAsync(docs: Document[]): Promise<void> } {
    return this.ds.persistence as unknown as { persistNewStateAsync(docs: Document[]): Promise<void> };
  }

  private async all(): Promise<Document[]> {
    await this.loaded;
    return this.ds.getAllData();
  }

  /**
   * The documents a filter can match, read from the best index for it (nedb's own choice prefers any
   * single-field index, however unselective, such as `app_id`). In order: a unique index the
   * filter's top-level equalities cover (one document), an `$in` list on a unique index, the index
   * covering the most equality fields, an `$in` list on any index; otherwise every document. Only
   * strings, numbers and booleans are looked up, for which nedb's index order equals MongoDB's
   * equality, so no match is lost; mingo then applies the whole filter. The documents are nedb's
   * own (not copies): callers read them synchronously and clone what they return.
   */
  private candidates(filter: Document): Document[] {
    const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);
    const equalities = new Map<string, unknown>();
    const inLists = new Map<string, unknown[]>();
    for (const [field, condition] of Object.entries(filter)) {
      if (field.startsWith('$')) continue;
      const operators = condition && typeof condition === 'object' && !Array.isArray(condition) && !(condition instanceof Date) ? (condition as Document) : undefined;
      const value = operators && '$eq' in operators ? operators.$eq : condition;
      if (isScalar(value)) equalities.set(field, value);
      else if (operators && Object.keys(operators).length === 1 && Array.isArray(operators.$in) && operators.$in.every(isScalar)) inLists.set(field, operators.$in);
    }
    const indexes = this.indexes;
    let covered: { index: NedbIndex; fields: string[] } | undefined;
    for (const [name, index] of Object.entries(indexes)) {
      const fields = indexFields(name);
      if (!fields.every((field) => equalities.has(field))) continue;
      if (!covered || (index.unique && !covered.index.unique) || (index.unique === covered.index.unique && fields.length > covered.fields.length)) covered = { index, fields };
    }
    const inList = (unique: boolean) => [...inLists].find(([field]) => indexes[field] && (!unique || indexes[field].unique));
    const key = (fields: string[]) => (fields.length === 1 ? equalities.get(fields[0]!) : Object.fromEntries(fields.map((field) => [field, equalities.get(field)])));
    if (covered?.index.unique) return covered.index.getMatching(key(covered.fields));
    const uniqueIn = inList(true);
    if (uniqueIn) return indexes[uniqueIn[0]]!.getMatching(uniqueIn[1]);
    if (covered) return covered.index.getMatching(key(covered.fields));
    const anyIn = inList(false);
    if (anyIn) return indexes[anyIn[0]]!.getMatching(anyIn[1]);
    return this.ds.getAllData();
  }

  /** The matching documents (nedb's own, not copies), synchronously: only once `loaded` has resolved. */
  private matching(filter: Document, options: FindOptions = {}): Document[] {
    const query = compiledQuery(filter);
    const { sort, skip = 0, limit, projection } = options;
    const matched: Document[] = [];
    // Unsorted, the first skip + limit matches are the answer: stop there.
    const enough = !sort && limit ? skip + limit : Infinity;
    for (const doc of this.candidates(filter)) {
      if (!query.test(doc)) continue;
      matched.push(doc);
      if (matched.length >= enough) break;
    }
    // mingo's cursor only for what needs its semantics (sort order across types, projections beyond
    // a list of top-level fields); a cursor costs more than the filtering itself on the small
    // results most calls get.
    const sorting = sort !== undefined && matched.length > 1;
    const pick = projection && !sorting ? topLevelProjection(projection) : undefined;
    if (pick) {
      const page = limit ? matched.slice(skip, skip + limit) : skip ? matched.slice(skip) : matched;
      return page.map(pick);
    }
    if ((projection && matched.length > 0) || sorting) {
      const cursor = MATCH_ALL.find(matched, projection);
      if (sort) cursor.sort(sort);
      if (skip) cursor.skip(skip);
      if (limit) cursor.limit(limit);
      return cursor.all() as Document[];
    }
    return limit ? matched.slice(skip, skip + limit) : skip ? matched.slice(skip) : matched;
  }

  async find(filter: Document, options: FindOptions): Promise<Document[]> {
    if (!this.isLoaded) await this.loaded;
    return clone(this.matching(filter, options));
  }

  async count(filter: Document): Promise<number> {
    if (!this.isLoaded) await this.loaded;
    return this.indexedCount(filter) ?? this.matching(filter).length;
  }

  /**
   * The count of a filter made only of top-level scalar equalities, read straight from an index on
   * exactly those fields (its list for the key is the answer: see `candidates`); undefined for any
   * other filter. A user's unread count (`{app_id, user_id, read: false}`) otherwise tested every
   * unread notification: after the soak of issue #19, 2 counts a second.
   */
  private indexedCount(filter: Document): number | undefined {
    const fields = Object.keys(filter);
    if (!fields.every((field) => !field.startsWith('$') && ['string', 'number', 'boolean'].includes(typeof filter[field]))) return undefined;
    for (const [name, index] of Object.entries(this.indexes)) {
      const indexed = indexFields(name);
      if (indexed.length !== fields.length || !indexed.every((field) => field in filter)) continue;
      const key = indexed.length === 1 ? filter[indexed[0]!] : Object.fromEntries(indexed.map((field) => [field, filter[field]]));
      return index.countMatching?.(key) ?? index.getMatching(key).length;
    }
    return undefined;
  }

  async distinct(field: string, filter: Document): Promise<unknown[]> {
    if (!this.isLoaded) await this.loaded;
    const seen = new Map<string, unknown>();
    for (const doc of this.matching(filter)) {
      const value = getPath(doc, field);
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined) seen.set(JSON.stringify(item), item);
      }
    }
    return clone([...seen.values()]);
  }

  /** Runs an nedb write, turning its unique-index violation into DUPLICATE_KEY. */
  private async write<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateKey(this.name);
      throw error;
    }
  }

  async insertMany(docs: Document[]): Promise<void> {
    await this.loaded;
    await this.writes.run(() => this.write(() => this.ds.insertAsync(clone(docs))));
  }

  /** Replaces a stored document by `_id`. Runs inside the write lock. */
  private async store(doc: Document): Promise<void> {
    await this.write(() => this.ds.updateAsync({ _id: doc._id }, doc, {}));
  }

  /** Inserts what an upsert creates: the filter's equality fields, then the update. Runs inside the write lock. */
  private async insertUpserted(filter: Document, update: Document): Promise<Document> {
    const base = equalityFields(filter);
    const doc = updatedCopy(base, update, true) ?? base;
    doc._id ??= newId();
    await this.write(() => this.ds.insertAsync(clone(doc)));
    return doc;
  }

  async update(filter: Document, update: Document, options: { multi: boolean; upsert: boolean }): Promise<UpdateResult> {
    await this.loaded;
    if (options.multi) {
      const result = await this.updateInBatches(filter, update);
      if (result.matchedCount > 0 || !options.upsert) return result;
    }
    return this.writes.run(async () => {
      const matches = this.matching(filter, options.multi ? {} : { limit: 1 });
      if (matches.length === 0) {
        if (!options.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null };
        const inserted = await this.insertUpserted(filter, update);
        return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id as string };
      }
      let modifiedCount = 0;
      for (const doc of matches) {
        const next = updatedCopy(doc, update, false);
        if (!next) continue;
        await this.store(next);
        modifiedCount += 1;
      }
      return { matchedCount: matches.length, modifiedCount, upsertedId: null };
    });
  }

  /**
   * The documents a bulk write may touch, in batches: the candidates are read once, then each batch
   * takes the write lock, re-reads its documents (another write may have changed them in between,
   * as MongoDB's own bulk writes yield) and applies the filter to them. Between batches the event
   * loop runs, so no request waits behind more than one batch, and each batch is sized to what the
   * last one showed fits in BULK_BATCH_MS (./bulk.ts).
   */
  private async inBatches(filter: Document, apply: (docs: Document[]) => Promise<void>): Promise<void> {
    const query = compiledQuery(filter);
    const snapshot = this.candidates(filter).slice();
    let size = FIRST_BATCH_SIZE;
    for (let start = 0; start < snapshot.length; ) {
      if (start > 0) await yieldToEventLoop();
      const batch = snapshot.slice(start, start + size);
      start += batch.length;
      await this.writes.run(async () => {
        const began = performance.now();
        const docs: Document[] = [];
        for (const candidate of batch) {
          const doc = currentDocument(this.ds, candidate._id);
          if (doc && query.test(doc)) docs.push(doc);
        }
        await apply(docs);
        size = nextBatchSize(batch.length, performance.now() - began);
      });
    }
  }

  /** updateMany: each batch's documents swapped in the indexes together and appended in one write. */
  private async updateInBatches(filter: Document, update: Document): Promise<UpdateResult> {
    let matchedCount = 0;
    let modifiedCount = 0;
    await this.inBatches(filter, async (docs) => {
      const pairs: [Document, Document][] = [];
      let failure: unknown;
      for (const doc of docs) {
        try {
          const next = updatedCopy(doc, update, false);
          matchedCount += 1;
          if (next) pairs.push([doc, next]);
        } catch (error) {
          // Like MongoDB: the documents before the one that cannot take the update keep it.
          failure = error;
          break;
        }
      }
      modifiedCount += await this.storeBatch(pairs);
      if (failure) throw failure;
    });
    return { matchedCount, modifiedCount, upsertedId: null };
  }

  /** Stores new versions of documents; one that would break a unique index stops the batch there, as one by one. Runs inside the write lock. */
  private async storeBatch(pairs: [Document, Document][]): Promise<number> {
    if (pairs.length === 0) return 0;
    try {
      await inNedbQueue(this.ds, async () => {
        replaceInIndexes(this.ds, pairs);
        await this.persistence.persistNewStateAsync(pairs.map(([, next]) => next));
      });
      return pairs.length;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Nothing of the batch was applied: replay it one document at a time, which stops at the duplicate.
      let stored = 0;
      for (const [, next] of pairs) {
        await this.store(next);
        stored += 1;
      }
      return stored;
    }
  }

  async findOneAndUpdate(
    filter: Document,
    update: Document,
    options: { upsert: boolean; returnDocument: 'before' | 'after'; sort?: Record<string, 1 | -1> },
  ): Promise<Document | null> {
    await this.loaded;
    return this.writes.run(async () => {
      const [doc] = this.matching(filter, { limit: 1, sort: options.sort });
      if (!doc) {
        if (!options.upsert) return null;
        const inserted = await this.insertUpserted(filter, update);
        return options.returnDocument === 'after' ? clone(inserted) : null;
      }
      const next = updatedCopy(doc, update, false);
      const before = clone(doc);
      if (next) await this.store(next);
      return options.returnDocument === 'after' ? clone(next ?? doc) : before;
    });
  }

  async replaceOne(filter: Document, replacement: Document, options: { upsert: boolean }): Promise<UpdateResult> {
    await this.loaded;
    return this.writes.run(async () => {
      const [doc] = this.matching(filter, { limit: 1 });
      if (!doc) {
        if (!options.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null };
        const base = equalityFields(filter);
        const inserted = { ...replacement, _id: (base._id as string | undefined) ?? newId() };
        await this.write(() => this.ds.insertAsync(clone(inserted)));
        return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id };
      }
      await this.store({ ...clone(replacement), _id: doc._id });
      return { matchedCount: 1, modifiedCount: 1, upsertedId: null };
    });
  }

  async delete(filter: Document, options: { multi: boolean }): Promise<number> {
    await this.loaded;
    if (options.multi) return this.deleteInBatches(filter);
    return this.writes.run(async () => {
      const ids = this.matching(filter, { limit: 1 }).map((doc) => doc._id);
      if (ids.length === 0) return 0;
      return this.ds.removeAsync({ _id: { $in: ids } }, { multi: true });
    });
  }

  /** deleteMany: each batch leaves the indexes together and is appended as one write (nedb's own `$in` removal is quadratic). */
  private async deleteInBatches(filter: Document): Promise<number> {
    let deleted = 0;
    await this.inBatches(filter, (docs) =>
      inNedbQueue(this.ds, async () => {
        if (docs.length === 0) return;
        removeFromIndexes(this.ds, docs);
        await this.persistence.persistNewStateAsync(docs.map((doc) => ({ $$deleted: true, _id: doc._id })));
        deleted += docs.length;
      }),
    );
    return deleted;
  }

  async aggregate(pipeline: Document[]): Promise<Document[]> {
    const documents = clone(await this.all());
    try {
      return clone(new Aggregator(pipeline).run(documents) as Document[]);
    } catch (error) {
      // As for filters (./queries.ts): a pipeline mingo cannot compile or run is the caller's mistake.
      if (error instanceof ApiError) throw error;
      throw queryNotAllowed(`The pipeline cannot run: ${error instanceof Error ? error.message.replace(/^mingo: /, '') : String(error)}`);
    }
  }

  async *readInBatches(filter: Document, batchSize: number): AsyncIterable<Document[]> {
    if (!this.isLoaded) await this.loaded;
    const matched = this.matching(filter, { sort: { _id: 1 } });
    for (let start = 0; start < matched.length; start += batchSize) yield clone(matched.slice(start, start + batchSize));
  }

  /** New documents are inserted together and stored ones swapped in the indexes together: one append each per batch. */
  async upsertMany(docs: Document[]): Promise<void> {
    await this.loaded;
    await this.writes.run(async () => {
      const replaced: [Document, Document][] = [];
      const inserted: Document[] = [];
      for (const doc of docs) {
        const stored = currentDocument(this.ds, doc._id);
        if (stored) replaced.push([stored, clone(doc)]);
        else inserted.push(doc);
      }
      await this.storeBatch(replaced);
      if (inserted.length > 0) await this.write(() => this.ds.insertAsync(clone(inserted)));
    });
  }

  async createIndex(spec: IndexSpec): Promise<boolean> {
    await this.loaded;
    const fields = Object.keys(spec.keys);
    if (spec.expireAfterSeconds !== undefined) {
      // nedb only expires documents read through its own finder; the sweep below covers every read path.
      this.ttl.set(fields[0]!, spec.expireAfterSeconds);
      return true;
    }
    try {
      await this.ds.ensureIndexAsync({ fieldName: fields.length === 1 ? fields[0]! : fields, unique: spec.unique ?? false });
      // nedb uses a compound index only when a query names all its fields, where MongoDB also serves
      // queries on a prefix (app_id + user_id alone, for a user's whole inbox): index those prefixes too.
      for (let length = 2; length < fields.length; length++) await this.ds.ensureIndexAsync({ fieldName: fields.slice(0, length) });
      installKeyedIndexes(this.indexes);
    } catch (error) {
      if (isUniqueViolation(error)) throw invalidWrite(`Cannot create a unique index on ${this.name} (${fields.join(', ')}): existing records share a key`);
      throw error;
    }
    return true;
  }

  /** How many documents the collection holds (0 until it has loaded). */
  get documentCount(): number {
    return this.isLoaded ? (this.ds as unknown as { indexes: { _id: { tree: { getNumberOfKeys(): number } } } }).indexes._id.tree.getNumberOfKeys() : 0;
  }

  /** Deletes documents whose TTL has passed. */
  async sweepExpired(now = Date.now()): Promise<number> {
    let removed = 0;
    for (const [field, seconds] of this.ttl) {
      removed += await this.delete({ [field]: { $lt: new Date(now - seconds * 1000) } }, { multi: true });
    }
    return removed;
  }

  async close(): Promise<void> {
    await this.loaded;
    this.ds.stopAutocompaction();
    await this.writes.run(async () => {
      await this.ds.compactDatafileAsync();
    });
  }
}

/** Refuses to open a data folder another live process is using: two writers would corrupt the files. */
function acquireLock(dir: string): () => void {
  const lock = path.join(dir, 'LOCK');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    let alive = false;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (error) {
        alive = (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (alive) {
      throw new StartupProblem(
        `The embedded database in ${dir} is in use by process ${pid}. Stop that process, or give this one its own MOZAIKS_DATA_DIR.`,
      );
    }
  }
  writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (readFileSync(lock, 'utf8').trim() === String(process.pid)) writeFileSync(lock, '');
    } catch (error) {
      logger.warn('embedded store: could not release the lock', { error });
    }
  };
}

export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly collections = new Map<string, EmbeddedCollection>();
  private readonly releaseLock: () => void;
  private readonly sweeper: NodeJS.Timeout;
  private measured: { at: number; size: StoreSize } | undefined;

  constructor(private readonly dir: string) {
    mkdirSync(/* turbopackIgnore: true */ dir, { recursive: true });
    this.releaseLock = acquireLock(dir);
    this.sweeper = setInterval(() => void this.sweepExpired(), TTL_SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  collection(name: string): EmbeddedCollection {
    if (!COLLECTION_NAME.test(name)) throw new Error(`Invalid collection name "${name}"`);
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new EmbeddedCollection(name, path.join(/* turbopackIgnore: true */ this.dir, `${name}.db`));
      this.collections.set(name, collection);
    }
    return collection;
  }

  async collectionNames(): Promise<string[]> {
    return readdirSync(/* turbopackIgnore: true */ this.dir)
      .filter((file) => file.endsWith('.db'))
      .map((file) => file.slice(0, -'.db'.length))
      .filter((name) => COLLECTION_NAME.test(name))
      .sort();
  }

  async sweepExpired(now?: number): Promise<number> {
    let removed = 0;
    for (const collection of this.collections.values()) {
      try {
        removed += await collection.sweepExpired(now);
      } catch (error) {
        logger.error('embedded store: TTL sweep failed', { collection: collection.name, error });
      }
    }
    return removed;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  /** Documents in memory and bytes on disk, counted at most every SIZE_CACHE_MS (/ready may be polled often). */
  size(): StoreSize {
    const now = Date.now();
    if (this.measured && now - this.measured.at < SIZE_CACHE_MS) return this.measured.size;
    let documents = 0;
    for (const collection of this.collections.values()) documents += collection.documentCount;
    const size = { documents, bytes: embeddedStoreBytes(this.dir) };
    this.measured = { at: now, size };
    return size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.collections.values()].map((collection) => collection.close()));
    this.collections.clear();
    this.releaseLock();
  }
}
