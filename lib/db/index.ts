/**
 * The data layer's public surface. Callers get collections through a scoped database handle:
 *
 *   const db = database({ appId });                       // shared within the app
 *   const settings = db.forUser(userId).collection('settings');   // one user's documents
 *   const tasks = db.forPlugin('task_manager').collection('tasks'); // physical name task_manager__tasks
 *
 * There is no way to get an unscoped collection from here.
 */
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/runtime/global';
import { registerDependencyCheck } from '@/lib/runtime/lifecycle';
import { logger } from '@/lib/runtime/logger';
import { Collection } from './collection';
import { ensureDeclaredIndexes, type SweptTtl } from './declare';
import { EmbeddedStore } from './embedded';
import { EMBEDDED_STORE_WARN_BYTES } from './embedded/size';
import { MongoStore } from './mongo';
import type { Scope } from './scope';
import type { Document, Store } from './types';

export { Collection, MAX_FIND_LIMIT } from './collection';
export { declareCollection, declaredCollections, type CollectionDeclaration, type DeclaredIndex } from './declare';
export { EMBEDDED_STORE_WARN_BYTES, embeddedStoreBytes } from './embedded/size';
export { DB_RETRY_AFTER_SECONDS } from './errors';
export { newId, type Scope } from './scope';
export type { Document, Filter, FindOptions, IndexSpec, Update, UpdateResult, WithId } from './types';

/** How long /ready waits for the database to answer a ping. */
export const DB_PING_TIMEOUT_MS = 1_500;
/** How often the runtime expires documents for TTL rules the database cannot enforce itself. */
export const TTL_SWEEP_INTERVAL_MS = 60_000;

const holder = processSingleton('db', () => ({
  store: undefined as Store | undefined,
  sweeper: undefined as NodeJS.Timeout | undefined,
  /** The TTL rules the database cannot enforce itself, once the indexes are prepared. */
  swept: undefined as SweptTtl[] | undefined,
}));

/** The embedded store's folder inside MOZAIKS_DATA_DIR. */
export function embeddedStoreDir(dataDir: string): string {
  return path.join(/* turbopackIgnore: true */ dataDir, 'db');
}

/** Opens the store the environment selects: MongoDB when DATABASE_URI is set, else the embedded one. */
export function createStore(options: { databaseUri?: string; dataDir: string; timeoutMs?: number }): Store {
  return options.databaseUri
    ? new MongoStore({ uri: options.databaseUri, timeoutMs: options.timeoutMs ?? 5_000 })
    : new EmbeddedStore(embeddedStoreDir(options.dataDir));
}

/** The process's store, opened on first use and kept across dev hot reloads and serverless invocations. */
export function getStore(): Store {
  if (!holder.store) {
    const env = getEnv();
    holder.store = createStore({ databaseUri: env.databaseUri, dataDir: env.dataDir, timeoutMs: env.databaseTimeoutMs });
  }
  return holder.store;
}

/** Makes `store` the process's store; for tests and test helpers that bring their own. */
export function setStoreForTests(store: Store): void {
  holder.store = store;
}

const PLUGIN_NAME = /[^a-z0-9_]/g;
const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,63}$/;

function checkName(name: string): string {
  if (!COLLECTION_NAME.test(name) || name.includes('__')) {
    throw new Error(`Invalid collection name "${name}": use lower-case letters, digits and single underscores`);
  }
  return name;
}

/** A handle on the database confined to one scope. */
export class ScopedDatabase {
  constructor(
    private readonly store: Store,
    readonly scope: Readonly<Scope>,
    private readonly namespace = '',
  ) {}

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new Collection<T>(this.store.collection(`${this.namespace}${checkName(name)}`), this.scope);
  }

  /** The same app, narrowed to one user's documents. */
  forUser(userId: string): ScopedDatabase {
    if (!userId) throw new Error('forUser needs a user id');
    return new ScopedDatabase(this.store, { ...this.scope, userId }, this.namespace);
  }

  /** Collections named `<plugin>__<name>`: a plugin never sees core collections or another plugin's. */
  forPlugin(plugin: string): ScopedDatabase {
    const prefix = plugin.toLowerCase().replace(PLUGIN_NAME, '_');
    if (!/^[a-z]/.test(prefix)) throw new Error(`Invalid plugin name "${plugin}"`);
    return new ScopedDatabase(this.store, this.scope, `${prefix}__`);
  }
}

/** A database handle scoped to an app (and, with `userId`, to one user). */
export function database(scope: Scope, store: Store = getStore()): ScopedDatabase {
  if (!scope.appId) throw new Error('database() needs an app id');
  return new ScopedDatabase(store, { appId: scope.appId, ...(scope.userId ? { userId: scope.userId } : {}) });
}

/** Start-up: create the declared indexes and, where the database cannot expire documents itself, sweep them. */
export async function prepareDatabase(store: Store = getStore()): Promise<void> {
  const swept = await ensureDeclaredIndexes(store);
  holder.swept = swept;
  if (swept.length && !holder.sweeper) {
    holder.sweeper = setInterval(() => void sweepExpired(store, swept), TTL_SWEEP_INTERVAL_MS);
    holder.sweeper.unref();
  }
}

/** Deletes what the rules expire; returns how many documents went. */
async function sweepExpired(store: Store, rules: SweptTtl[]): Promise<number> {
  let removed = 0;
  for (const rule of rules) {
    try {
      const cutoff = new Date(Date.now() - rule.seconds * 1000);
      // Retention is a rule of the whole collection, across apps: the only unscoped write, kept here.
      removed += await store.collection(rule.collection).delete({ [rule.field]: { $lt: cutoff } }, { multi: true });
    } catch (error) {
      logger.warn('TTL sweep failed; retrying at the next interval', { collection: rule.collection, error });
    }
  }
  return removed;
}

/**
 * The TTL sweep, now: what the timer above does in a long-lived process, for `/api/internal/cron`
 * where no process lives that long. Returns how many documents expired. (MongoDB enforces TTL
 * indexes itself, so there is nothing to sweep there; the embedded store sweeps in its own process.)
 */
export async function sweepExpiredDocuments(store: Store = getStore()): Promise<number> {
  holder.swept ??= await ensureDeclaredIndexes(store);
  return sweepExpired(store, holder.swept);
}

/**
 * Opens the store and prepares its indexes in the background, retrying with backoff while the
 * database is unreachable; /ready answers 503 until the indexes exist and whenever a ping fails.
 * A store that cannot open at all (a locked embedded data folder) throws here and stops start-up.
 */
export function startDatabase(): void {
  const store = getStore();
  let prepared = false;
  registerDependencyCheck('database', async () => prepared && (await pingDatabase(store)));
  const attempt = async (delayMs: number): Promise<void> => {
    try {
      await prepareDatabase(store);
      prepared = true;
    } catch (error) {
      logger.warn('database not ready; retrying', { retry_in_ms: delayMs, error: error instanceof Error ? error.message : String(error) });
      setTimeout(() => void attempt(Math.min(delayMs * 2, 30_000)), delayMs).unref();
    }
  };
  void attempt(1_000);
}

/** What /ready reports about the database: its kind and, for the embedded store, its size against the size where MongoDB is the answer. */
export function databaseDetails(store: Store = getStore()): Record<string, unknown> {
  const size = store.size?.();
  return size ? { kind: store.kind, documents: size.documents, bytes: size.bytes, warn_bytes: EMBEDDED_STORE_WARN_BYTES } : { kind: store.kind };
}

/** Whether the database answers now; /ready uses this. */
export function pingDatabase(store: Store = getStore()): Promise<boolean> {
  return store.ping(DB_PING_TIMEOUT_MS);
}

/** Graceful shutdown: flush the embedded store, or close the MongoDB pool. */
export async function closeDatabase(): Promise<void> {
  const store = holder.store;
  holder.store = undefined;
  if (holder.sweeper) clearInterval(holder.sweeper);
  holder.sweeper = undefined;
  holder.swept = undefined;
  await store?.close();
}
