import { randomBytes } from 'node:crypto';
import { EmbeddedStore } from '@/lib/db/embedded';
import { MongoStore } from '@/lib/db/mongo';
import type { Store } from '@/lib/db/types';
import { makeTempDir } from './config-dir';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from './ferretdb';

export type StoreKind = 'embedded' | 'ferretdb' | 'mongodb';

export interface StoreTarget {
  kind: StoreKind;
  /** A fresh, empty store; `dispose` drops what it created. */
  open: () => Promise<{ store: Store; dispose: () => Promise<void> }>;
  teardown: () => Promise<void>;
}

const fresh = () => `mozaiks_test_${randomBytes(6).toString('hex')}`;

function mongoTarget(kind: StoreKind, uriFor: (database: string) => string, teardown = async () => {}): StoreTarget {
  return {
    kind,
    teardown,
    open: async () => {
      const store = new MongoStore({ uri: uriFor(fresh()), timeoutMs: 5_000 });
      return {
        store,
        dispose: async () => {
          await store.dropDatabase();
          await store.close();
        },
      };
    },
  };
}

let ferret: RunningFerretDb | undefined;

/**
 * The stores the contract suites run against: always the embedded store; FerretDB when its binary is
 * built (scripts/ci/ferretdb.sh; CI requires it); real MongoDB when MONGODB_TEST_URI is set.
 */
export function storeTargets(): StoreTarget[] {
  const targets: StoreTarget[] = [
    {
      kind: 'embedded',
      teardown: async () => {},
      open: async () => {
        const store = new EmbeddedStore(makeTempDir('mozaiks-store-'));
        return { store, dispose: () => store.close() };
      },
    },
  ];
  const binary = ferretDbBinary();
  if (binary) {
    targets.push(
      mongoTarget(
        'ferretdb',
        (database) => {
          if (!ferret) throw new Error('FerretDB not started');
          return ferret.uri(database);
        },
        async () => {
          await ferret?.stop();
          ferret = undefined;
        },
      ),
    );
  } else if (process.env.CI) {
    throw new Error('CI must run the data contract against FerretDB: build it with scripts/ci/ferretdb.sh or set FERRETDB_BIN');
  }
  const mongoUri = process.env.MONGODB_TEST_URI;
  if (mongoUri) {
    targets.push(mongoTarget('mongodb', (database) => mongoUri.replace(/^(mongodb(?:\+srv)?:\/\/[^/]+)(\/[^?]*)?/, `$1/${database}`)));
  }
  return targets;
}

/** Starts the shared FerretDB once per test file when it is a target. */
export async function startTargets(targets: StoreTarget[]): Promise<void> {
  const binary = ferretDbBinary();
  if (binary && targets.some((target) => target.kind === 'ferretdb') && !ferret) ferret = await startFerretDb(binary);
}
