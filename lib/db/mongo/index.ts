/**
 * The MongoDB adapter: the official driver, one pooled client per process. Works against MongoDB
 * (Atlas, replica sets) and MongoDB-wire servers such as FerretDB.
 *
 * Every operation has a deadline (DATABASE_TIMEOUT_MS) as a whole, and so does each stage inside it,
 * so a dead or hung database fails a request in seconds instead of hanging it; connection failures become 503 DB_UNAVAILABLE, and the driver
 * reconnects by itself when the database comes back.
 */
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import { databaseUnavailable, duplicateKey, invalidWrite, queryNotAllowed, queryNotSupported } from '../errors';
import { newId } from '../scope';
import type { Document, FindOptions, IndexSpec, Store, StoreCollection, UpdateResult } from '../types';

/** Driver errors that mean "the database cannot be reached right now", as opposed to a bad request. */
const UNAVAILABLE_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoOperationTimeoutError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
]);

/** MongoDB error codes for writes the data cannot take, such as $inc on text. */
const BAD_WRITE_CODES = new Set([2, 9, 14, 16837, 40, 52, 54]);

/** Network trouble can arrive wrapped (a MongoBulkWriteError around a closed connection): look inside. */
function isUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  if (UNAVAILABLE_ERRORS.has(error.name)) return true;
  // A bulk write (insertMany) reports a pool checkout timeout in its own error, with no cause.
  if (/ECONNREFUSED|ECONNRESET|EPIPE|connection \d+ to \S+ closed|Server selection timed out|Timed out while checking out a connection/.test(error.message)) return true;
  return isUnavailable(error.cause, depth + 1);
}

function translate(error: unknown, collection: string): unknown {
  if (!(error instanceof Error)) return error;
  if (isUnavailable(error)) return databaseUnavailable();
  if (error instanceof MongoServerError) {
    // FerretDB reports a unique violation during an update as InternalError with SQLite's message.
    if (error.code === 11000 || /UNIQUE constraint failed/.test(error.message)) return duplicateKey(collection);
    // A filter operator the server lacks ($text and $jsonSchema on FerretDB 1.24: BadValue) or cannot
    // serve ($text without a text index: IndexNotFound) is the caller's query, not a bad write.
    if (/unknown (top level )?operator|text index required/i.test(error.message) || error.code === 27) {
      return queryNotAllowed(`This database cannot run the filter: ${error.errmsg ?? error.message}`);
    }
    if (typeof error.code === 'number' && BAD_WRITE_CODES.has(error.code)) return invalidWrite(error.errmsg ?? error.message);
    // MongoDB-wire servers such as FerretDB answer NotImplemented (238) for operators they lack.
    if (error.code === 238 || /not implemented/i.test(error.message)) return queryNotSupported(error.errmsg ?? error.message);
  }
  return error;
}

/** The database name from the URI's path, or `mozaiks`. */
export function databaseName(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : 'mozaiks';
}

function toUpdateResult(result: { matchedCount: number; modifiedCount: number; upsertedId: unknown }): UpdateResult {
  return {
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    upsertedId: result.upsertedId === null ? null : String(result.upsertedId),
  };
}

/** Our ids are strings, not the driver's default ObjectIds. */
type StoredDocument = { _id: string } & Document;

class MongoCollection implements StoreCollection {
  constructor(
    private readonly db: Db,
    readonly name: string,
    private readonly timeoutMs: number,
  ) {}

  private get raw() {
    return this.db.collection<StoredDocument>(this.name);
  }

  /**
   * Runs an operation within DATABASE_TIMEOUT_MS as a whole. The driver's per-stage timeouts do not
   * add up to that: against a hung server (SIGSTOP'd, or a network that drops packets) a read waits
   * socketTimeoutMS, the driver then retries it once (retryable reads and writes) and waits again —
   * 10.2 s for a documented 5 s (issue #19). Retries stay on for failovers; the deadline bounds them.
   */
  private async run<T>(operation: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const pending = operation();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(databaseUnavailable()), this.timeoutMs);
    });
    try {
      return await Promise.race([pending, deadline]);
    } catch (error) {
      throw translate(error, this.name);
    } finally {
      clearTimeout(timer);
      // Past the deadline the caller already has its 503; the driver's own timeouts end the operation.
      pending.catch(() => undefined);
    }
  }

  find(filter: Document, options: FindOptions): Promise<Document[]> {
    return this.run(() => this.raw.find(filter, options).toArray());
  }

  count(filter: Document): Promise<number> {
    return this.run(() => this.raw.countDocuments(filter));
  }

  distinct(field: string, filter: Document): Promise<unknown[]> {
    return this.run(() => this.raw.distinct(field, filter));
  }

  async insertMany(docs: Document[]): Promise<void> {
    await this.run(() => this.raw.insertMany(docs as StoredDocument[]));
  }

  async update(filter: Document, update: Document, options: { multi: boolean; upsert: boolean }): Promise<UpdateResult> {
    const result = await this.run(() =>
      options.multi ? this.raw.updateMany(filter, update, { upsert: options.upsert }) : this.raw.updateOne(filter, update, { upsert: options.upsert }),
    );
    return toUpdateResult(result);
  }

  findOneAndUpdate(
    filter: Document,
    update: Document,
    options: { upsert: boolean; returnDocument: 'before' | 'after'; sort?: Record<string, 1 | -1> },
  ): Promise<Document | null> {
    return this.run(() =>
      this.raw.findOneAndUpdate(filter, update, { upsert: options.upsert, returnDocument: options.returnDocument, sort: options.sort }),
    );
  }

  async replaceOne(filter: Document, replacement: Document, options: { upsert: boolean }): Promise<UpdateResult> {
    if (options.upsert && filter._id === undefined) {
      // MongoDB would give an upserted replacement an ObjectId; ours are strings. Resolve the target
      // first. Like MongoDB's own upsert, two racing upserts can both insert unless a unique index exists.
      const existing = await this.run(() => this.raw.findOne(filter, { projection: { _id: 1 } }));
      if (!existing) {
        const _id = newId();
        await this.run(() => this.raw.insertOne({ ...replacement, _id }));
        return { matchedCount: 0, modifiedCount: 0, upsertedId: _id };
      }
      filter = { ...filter, _id: existing._id };
    }
    return toUpdateResult(await this.run(() => this.raw.replaceOne(filter, replacement, { upsert: options.upsert })));
  }

  async delete(filter: Document, options: { multi: boolean }): Promise<number> {
    const result = await this.run(() => (options.multi ? this.raw.deleteMany(filter) : this.raw.deleteOne(filter)));
    return result.deletedCount;
  }

  aggregate(pipeline: Document[]): Promise<Document[]> {
    return this.run(() => this.raw.aggregate(pipeline).toArray());
  }

  async *readInBatches(filter: Document, batchSize: number): AsyncIterable<Document[]> {
    // One cursor: each batch is a getMore, bounded by the socket timeout rather than one deadline for the whole walk.
    const cursor = this.raw.find(filter, { sort: { _id: 1 }, batchSize });
    try {
      let batch: Document[] = [];
      for await (const doc of cursor) {
        batch.push(doc);
        if (batch.length < batchSize) continue;
        yield batch;
        batch = [];
      }
      if (batch.length > 0) yield batch;
    } catch (error) {
      throw translate(error, this.name);
    } finally {
      await cursor.close();
    }
  }

  async upsertMany(docs: Document[]): Promise<void> {
    if (docs.length === 0) return;
    // Unordered: the server may apply the replacements in parallel, and each stands alone.
    const operations = docs.map((doc) => ({ replaceOne: { filter: { _id: doc._id as string }, replacement: doc as StoredDocument, upsert: true } }));
    await this.run(() => this.raw.bulkWrite(operations, { ordered: false }));
  }

  async createIndex(spec: IndexSpec): Promise<boolean> {
    try {
      // Only the options that are set: some servers refuse `unique: null`.
      await this.raw.createIndex(spec.keys, {
        ...(spec.unique ? { unique: true } : {}),
        ...(spec.expireAfterSeconds !== undefined ? { expireAfterSeconds: spec.expireAfterSeconds } : {}),
        ...(spec.name ? { name: spec.name } : {}),
      });
      return true;
    } catch (error) {
      // FerretDB 1.x cannot build TTL indexes ("not implemented yet"); the runtime then sweeps itself.
      if (spec.expireAfterSeconds !== undefined && error instanceof MongoServerError && /not implemented/i.test(error.message)) return false;
      throw translate(error, this.name);
    }
  }
}

export interface MongoStoreOptions {
  uri: string;
  /** Where the URI came from, for the message when it cannot be used (DATABASE_URI unless said). */
  uriSource?: string;
  /** Client-side deadline for every operation, including finding a server. */
  timeoutMs: number;
}

export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly timeoutMs: number;

  constructor({ uri, uriSource = 'DATABASE_URI', timeoutMs }: MongoStoreOptions) {
    this.timeoutMs = timeoutMs;
    try {
      // Driver 7 has no whole-operation deadline (timeoutMS is gone): bound each stage instead —
      // finding a server, connecting, waiting for a pooled connection, and each socket read or write.
      this.client = new MongoClient(uri, {
        serverSelectionTimeoutMS: timeoutMs,
        connectTimeoutMS: timeoutMs,
        waitQueueTimeoutMS: timeoutMs,
        socketTimeoutMS: timeoutMs,
        appName: 'mozaiks-core',
      });
    } catch (error) {
      // The driver parses the URI here; its message says what is wrong (never the password).
      throw new StartupProblem(`${uriSource} is not a usable MongoDB connection string: ${(error as Error).message}`);
    }
    this.db = this.client.db(databaseName(uri));
  }

  collection(name: string): StoreCollection {
    return new MongoCollection(this.db, name, this.timeoutMs);
  }

  async collectionNames(): Promise<string[]> {
    try {
      const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
      return collections.map((collection) => collection.name).filter((name) => !name.startsWith('system.')).sort();
    } catch (error) {
      throw translate(error, '');
    }
  }

  async ping(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const answered = this.db.command({ ping: 1 }).then(
      () => true,
      // Unreachable: exactly what the caller asks about.
      () => false,
    );
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops the whole database; for test suites that create one database per run. */
  async dropDatabase(): Promise<void> {
    await this.db.dropDatabase();
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
