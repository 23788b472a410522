import { queryNotAllowed } from './errors';
import {
  scopeDocument,
  scopeFilter,
  scopeIndexKeys,
  scopePipeline,
  scopeReplacement,
  scopeUpdate,
  type Scope,
} from './scope';
import type {
  Document,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpec,
  StoreCollection,
  Update,
  UpdateOptions,
  UpdateResult,
  WithId,
} from './types';

/** Largest page a single find may return; callers page with skip/limit beyond it. */
export const MAX_FIND_LIMIT = 10_000;

function checkFindOptions(options: FindOptions): FindOptions {
  const { skip, limit } = options;
  if (skip !== undefined && (!Number.isInteger(skip) || skip < 0)) throw queryNotAllowed('skip must be a whole number ≥ 0');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw queryNotAllowed('limit must be a whole number ≥ 0');
  return { ...options, limit: limit === undefined || limit === 0 ? MAX_FIND_LIMIT : Math.min(limit, MAX_FIND_LIMIT) };
}

/** `start()`'s promise, with an error it throws before making one (a refused filter) turned into a rejection, as an async method would. */
function started<R>(start: () => Promise<R>): Promise<R> {
  try {
    return start();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * A collection confined to one app (and optionally one user). This is the only kind of collection the
 * runtime hands out: every filter, write, update, pipeline and index passes through ./scope.ts first.
 */
export class Collection<T extends Document = Document> {
  constructor(
    private readonly store: StoreCollection,
    readonly scope: Readonly<Scope>,
  ) {}

  /** The physical collection name, e.g. `settings` or `tasks__items`. */
  get name(): string {
    return this.store.name;
  }

  // The reads return the store's own promise rather than awaiting it in an async method: they are on
  // every plugin call's path, where each extra promise costs (more so with async-context tracking).
  find(filter: Filter<T> = {}, options: FindOptions = {}): Promise<WithId<T>[]> {
    return started(() => this.store.find(scopeFilter(this.scope, filter), checkFindOptions(options)) as Promise<WithId<T>[]>);
  }

  findOne(filter: Filter<T> = {}, options: Omit<FindOptions, 'limit'> = {}): Promise<WithId<T> | null> {
    return started(() => this.store.find(scopeFilter(this.scope, filter), checkFindOptions({ ...options, limit: 1 }))).then(([first]) => (first as WithId<T> | undefined) ?? null);
  }

  async countDocuments(filter: Filter<T> = {}): Promise<number> {
    return this.store.count(scopeFilter(this.scope, filter));
  }

  async distinct(field: string, filter: Filter<T> = {}): Promise<unknown[]> {
    return this.store.distinct(field, scopeFilter(this.scope, filter));
  }

  async insertOne(doc: T | (T & { _id?: string })): Promise<{ insertedId: string }> {
    const scoped = scopeDocument(this.scope, doc);
    await this.store.insertMany([scoped]);
    return { insertedId: scoped._id as string };
  }

  async insertMany(docs: (T | (T & { _id?: string }))[]): Promise<{ insertedIds: string[]; insertedCount: number }> {
    const scoped = docs.map((doc) => scopeDocument(this.scope, doc));
    if (scoped.length > 0) await this.store.insertMany(scoped);
    return { insertedIds: scoped.map((doc) => doc._id as string), insertedCount: scoped.length };
  }

  async updateOne(filter: Filter<T>, update: Update<T>, options: UpdateOptions = {}): Promise<UpdateResult> {
    return this.update(filter, update, { multi: false, upsert: options.upsert ?? false });
  }

  async updateMany(filter: Filter<T>, update: Update<T>, options: UpdateOptions = {}): Promise<UpdateResult> {
    return this.update(filter, update, { multi: true, upsert: options.upsert ?? false });
  }

  private async update(filter: Filter<T>, update: Update<T>, options: { multi: boolean; upsert: boolean }): Promise<UpdateResult> {
    const scopedUpdate = scopeUpdate(this.scope, update, { upsert: options.upsert, filter });
    return this.store.update(scopeFilter(this.scope, filter), scopedUpdate, options);
  }

  /** Atomically updates one document and returns it (after the update unless `returnDocument: 'before'`). */
  async findOneAndUpdate(filter: Filter<T>, update: Update<T>, options: FindOneAndUpdateOptions = {}): Promise<WithId<T> | null> {
    const upsert = options.upsert ?? false;
    const scopedUpdate = scopeUpdate(this.scope, update, { upsert, filter });
    const result = await this.store.findOneAndUpdate(scopeFilter(this.scope, filter), scopedUpdate, {
      upsert,
      returnDocument: options.returnDocument ?? 'after',
      sort: options.sort,
    });
    return result as WithId<T> | null;
  }

  async replaceOne(filter: Filter<T>, replacement: T, options: UpdateOptions = {}): Promise<UpdateResult> {
    return this.store.replaceOne(scopeFilter(this.scope, filter), scopeReplacement(this.scope, replacement), {
      upsert: options.upsert ?? false,
    });
  }

  async deleteOne(filter: Filter<T>): Promise<{ deletedCount: number }> {
    return { deletedCount: await this.store.delete(scopeFilter(this.scope, filter), { multi: false }) };
  }

  async deleteMany(filter: Filter<T>): Promise<{ deletedCount: number }> {
    return { deletedCount: await this.store.delete(scopeFilter(this.scope, filter), { multi: true }) };
  }

  async aggregate<R extends Document = Document>(pipeline: Document[]): Promise<R[]> {
    return (await this.store.aggregate(scopePipeline(this.scope, pipeline))) as R[];
  }

  /**
   * Creates an index if it does not exist; the app id is prepended to its keys so it serves scoped
   * queries and unique keys are unique per app. Resolves false when the store cannot build it (TTL on
   * FerretDB); the runtime then enforces the TTL itself (see ./indexes.ts).
   */
  async createIndex(spec: IndexSpec): Promise<boolean> {
    const keys = scopeIndexKeys(spec.keys, { ttl: spec.expireAfterSeconds !== undefined });
    return this.store.createIndex({ ...spec, keys });
  }
}
