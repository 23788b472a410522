import { logger } from '@/lib/runtime/logger';
import { processSingleton } from '@/lib/runtime/global';
import { scopeIndexKeys } from './scope';
import type { IndexSpec, Store } from './types';

/** An index and, for the reader, the query it serves. */
export interface DeclaredIndex extends IndexSpec {
  serves: string;
}

/**
 * A core collection, declared beside the code that owns it: its name, whether its documents are
 * personal (`user`: handles see one user's documents) or shared within an app, and its indexes.
 */
export interface CollectionDeclaration {
  name: string;
  scope: 'app' | 'user';
  indexes: DeclaredIndex[];
}

const registry = processSingleton('db-declarations', () => new Map<string, CollectionDeclaration>());

const CORE_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Registers a core collection; its indexes are created at start-up. Core names never contain `__` (plugins' namespace). */
export function declareCollection<const D extends CollectionDeclaration>(declaration: D): D {
  if (!CORE_NAME.test(declaration.name)) throw new Error(`Invalid core collection name "${declaration.name}"`);
  registry.set(declaration.name, declaration);
  return declaration;
}

export function declaredCollections(): CollectionDeclaration[] {
  return [...registry.values()];
}

/** TTL rules the store could not build as an index (FerretDB); the runtime sweeps them instead. */
export interface SweptTtl {
  collection: string;
  field: string;
  seconds: number;
}

/**
 * Creates every declared index, idempotently. App scoping puts `app_id` first in each key; every
 * collection also gets `{app_id}` (or `{app_id, user_id}` for personal data) for plain scoped reads.
 */
export async function ensureDeclaredIndexes(store: Store): Promise<SweptTtl[]> {
  const swept: SweptTtl[] = [];
  for (const declaration of declaredCollections()) {
    const collection = store.collection(declaration.name);
    const base: IndexSpec = { keys: declaration.scope === 'user' ? { user_id: 1 } : {} };
    const specs = [base, ...declaration.indexes].map((index) => ({
      ...index,
      keys: scopeIndexKeys(index.keys, { ttl: index.expireAfterSeconds !== undefined }),
    }));
    // Building the same keys twice with different options is an error in MongoDB: the declared one wins.
    const unique = specs.filter((spec, i) => i > 0 || !specs.slice(1).some((other) => JSON.stringify(other.keys) === JSON.stringify(spec.keys)));
    for (const index of unique) {
      const ttl = index.expireAfterSeconds !== undefined;
      const built = await collection.createIndex(index);
      if (!built && ttl) {
        const field = Object.keys(index.keys)[0]!;
        swept.push({ collection: declaration.name, field, seconds: index.expireAfterSeconds! });
        logger.info('TTL index not supported by this database; expiring documents with a periodic sweep', {
          collection: declaration.name,
          field,
        });
      }
    }
  }
  return swept;
}
