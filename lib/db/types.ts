/**
 * The collection interface of Mozaiks Core: the subset of the MongoDB driver's `Collection` that apps
 * really use. Both adapters (MongoDB and the embedded store) implement `StoreCollection`; callers only
 * ever get a `Collection`, which wraps a store collection in a tenant scope (./scoped-collection.ts).
 */
import type { Filter as MongoFilter, Sort as MongoSort, UpdateFilter } from 'mongodb';

/** Every stored document has a string `_id` (generated as a 24-hex ObjectId string when absent). */
export type Document = Record<string, unknown>;
export type WithId<T> = T & { _id: string };

export type Filter<T extends Document = Document> = MongoFilter<T> | Record<string, unknown>;
export type Update<T extends Document = Document> = UpdateFilter<T> | Record<string, unknown>;
export type Sort = MongoSort & Record<string, 1 | -1>;
export type Projection = Record<string, 0 | 1 | boolean>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

export interface UpdateOptions {
  upsert?: boolean;
}

export interface FindOneAndUpdateOptions extends UpdateOptions {
  /** Return the document as it was before the update, or after it (the default, unlike the driver's). */
  returnDocument?: 'before' | 'after';
  sort?: Record<string, 1 | -1>;
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId: string | null;
}

export interface IndexSpec {
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** TTL: documents expire this many seconds after the date in the (single) indexed field. */
  expireAfterSeconds?: number;
  name?: string;
}

/**
 * What an adapter implements: an unscoped collection. Never handed to callers; the scoping layer
 * adds the tenant to every filter, write and pipeline before calling these.
 */
export interface StoreCollection {
  readonly name: string;
  find(filter: Document, options: FindOptions): Promise<Document[]>;
  count(filter: Document): Promise<number>;
  distinct(field: string, filter: Document): Promise<unknown[]>;
  insertMany(docs: Document[]): Promise<void>;
  /** `update` holds operators only ($set, $inc, …, $setOnInsert); `multi: false` updates the first match. */
  update(filter: Document, update: Document, options: { multi: boolean; upsert: boolean }): Promise<UpdateResult>;
  findOneAndUpdate(
    filter: Document,
    update: Document,
    options: { upsert: boolean; returnDocument: 'before' | 'after'; sort?: Record<string, 1 | -1> },
  ): Promise<Document | null>;
  replaceOne(filter: Document, replacement: Document, options: { upsert: boolean }): Promise<UpdateResult>;
  delete(filter: Document, options: { multi: boolean }): Promise<number>;
  aggregate(pipeline: Document[]): Promise<Document[]>;
  /** Idempotent. Resolves false when the store cannot build this kind of index (FerretDB and TTL). */
  createIndex(spec: IndexSpec): Promise<boolean>;
  /**
   * The matching documents in `_id` order, `batchSize` at a time, through one cursor: for copying a
   * whole collection (lib/db/migrate), where paging with a query per page rescans on some servers.
   */
  readInBatches(filter: Document, batchSize: number): AsyncIterable<Document[]>;
  /**
   * Writes each document whole under its own `_id`, replacing the stored one or inserting it; for
   * copying data between stores (lib/db/migrate). The documents carry their scope.
   */
  upsertMany(docs: Document[]): Promise<void>;
}

/** How much a store holds, as /ready reports it. */
export interface StoreSize {
  /** Documents of the collections opened so far (every core collection is opened at start-up). */
  documents: number;
  /** Bytes of the collection files on disk. */
  bytes: number;
}

/** A database behind one of the adapters. */
export interface Store {
  readonly kind: 'embedded' | 'mongodb';
  /** The store's size, where the app itself holds the data (the embedded store). */
  size?(): StoreSize;
  collection(name: string): StoreCollection;
  /** The names of the collections that hold data, sorted; for copying a whole app (lib/db/migrate). */
  collectionNames(): Promise<string[]>;
  /** Resolves true when the database answers within `timeoutMs`. */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
