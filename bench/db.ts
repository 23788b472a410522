/**
 * Insert, indexed find and update throughput of each store, through the tenant-scoped collection and
 * through the adapter directly (the baseline: the same operation without scoping), in the same run.
 * Stores: the embedded store, FerretDB when built (scripts/ci/ferretdb.sh), MongoDB when
 * MONGODB_TEST_URI is set.
 */
import { database } from '../lib/db';
import { scopeDocument } from '../lib/db/scope';
import type { Document, Store, StoreCollection } from '../lib/db/types';
import { storeTargets, startTargets } from '../tests/support/stores';
import { fixed, ratio, type BenchTable } from './harness';

const SEED = 5_000;
const DURATION_MS = 1_500;

async function rate(fn: (i: number) => Promise<unknown>): Promise<number> {
  let i = 0;
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) await fn(i++);
  return (i / (performance.now() - started)) * 1000;
}

interface Rates {
  insert: number;
  find: number;
  update: number;
}

async function measureScoped(store: Store): Promise<Rates> {
  const items = database({ appId: 'bench' }, store).collection('bench_scoped');
  await items.createIndex({ keys: { key: 1 } });
  await items.insertMany(Array.from({ length: SEED }, (_, i) => ({ key: `k${i}`, n: 0 })));
  return {
    insert: await rate((i) => items.insertOne({ key: `new${i}`, n: 0 })),
    find: await rate((i) => items.findOne({ key: `k${i % SEED}` })),
    update: await rate((i) => items.updateOne({ key: `k${i % SEED}` }, { $inc: { n: 1 } })),
  };
}

async function measureRaw(store: Store): Promise<Rates> {
  const raw: StoreCollection = store.collection('bench_raw');
  const scope = { appId: 'bench' };
  await raw.createIndex({ keys: { app_id: 1, key: 1 } });
  await raw.insertMany(Array.from({ length: SEED }, (_, i) => scopeDocument(scope, { key: `k${i}`, n: 0 })));
  // The same documents and index, the filter written by hand: what scoping saves a caller from writing.
  const filter = (i: number): Document => ({ key: `k${i % SEED}`, app_id: 'bench' });
  return {
    insert: await rate((i) => raw.insertMany([scopeDocument(scope, { key: `new${i}`, n: 0 })])),
    find: await rate((i) => raw.find(filter(i), { limit: 1 })),
    update: await rate((i) => raw.update(filter(i), { $inc: { n: 1 } }, { multi: false, upsert: false })),
  };
}

export async function benchDb(): Promise<BenchTable> {
  const rows: (string | number)[][] = [];
  const scopedByKind = new Map<string, Rates>();
  const targets = storeTargets();
  for (const target of targets) {
    await startTargets([target]);
    const { store, dispose } = await target.open();
    try {
      const raw = await measureRaw(store);
      const scoped = await measureScoped(store);
      scopedByKind.set(target.kind, scoped);
      rows.push(
        [`${target.kind}: adapter, hand-scoped (baseline)`, fixed(raw.insert), fixed(raw.find), fixed(raw.update)],
        [`${target.kind}: scoped collection`, fixed(scoped.insert), fixed(scoped.find), fixed(scoped.update)],
        [`${target.kind}: ratio`, ratio(scoped.insert, raw.insert), ratio(scoped.find, raw.find), ratio(scoped.update, raw.update)],
      );
    } finally {
      await dispose();
      await target.teardown();
    }
  }
  const embedded = scopedByKind.get('embedded');
  const ferret = scopedByKind.get('ferretdb');
  if (embedded && ferret) {
    rows.push(['embedded ÷ FerretDB (scoped)', ratio(embedded.insert, ferret.insert), ratio(embedded.find, ferret.find), ratio(embedded.update, ferret.update)]);
  }
  return {
    title: 'Database operations',
    note:
      `Operations per second, one at a time, over ${SEED.toLocaleString('en')} documents with an index on the queried field ` +
      `(${DURATION_MS / 1000} s per operation). Ratio = scoped collection ÷ adapter with the scope written by hand.`,
    columns: ['store', 'insert/s', 'indexed find/s', 'update ($inc)/s'],
    rows,
  };
}
