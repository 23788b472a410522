/**
 * `npm run db:migrate` (issue #20): an app that outgrew the embedded store moves to MongoDB (here
 * FerretDB), and back. Every document of the app arrives whole (its `_id`, Dates, nested objects),
 * nothing of another app does, the source is unchanged, running twice changes nothing, an
 * interrupted run continues where it stopped, and the declared indexes exist on each target.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, declaredCollections, embeddedStoreDir, type Document } from '@/lib/db';
import { ensureDeclaredIndexes } from '@/lib/db/declare';
import { EmbeddedStore } from '@/lib/db/embedded';
import { CHECKPOINT_FILE, runMigration, type CollectionProgress, type MigrationPlan, type MigrationResult } from '@/lib/db/migrate';
import { MongoStore } from '@/lib/db/mongo';
import { scopeIndexKeys } from '@/lib/db/scope';
import type { Store } from '@/lib/db/types';
import '@/lib/runtime/collections';
import { makeTempDir } from '../support/config-dir';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../support/ferretdb';
import { PROJECT_ROOT } from '../support/paths';

const binary = ferretDbBinary();
if (!binary && process.env.CI) throw new Error('CI must run the migration test: build FerretDB with scripts/ci/ferretdb.sh');

const APP = 'moving_app';
const OTHER_APP = 'other_app';
const USERS = ['u1', 'u2', 'u3'];
const NOTIFICATIONS_PER_USER = 800;
const TASKS = 1_200;

/** Fills an embedded store as the runtime would: declared indexes, several collections, and a second app. */
async function seed(store: Store): Promise<void> {
  await ensureDeclaredIndexes(store);
  const now = Date.now();
  for (const appId of [APP, OTHER_APP]) {
    const db = database({ appId }, store);
    const count = appId === APP ? NOTIFICATIONS_PER_USER : 10;
    await db.collection('users').insertMany(USERS.map((user, index) => ({ _id: `${appId}-${user}`, username: user, email: `${user}@example.com`, created_at: new Date(now - index * 60_000) })));
    for (const user of USERS) {
      const personal = db.forUser(user);
      await personal.collection('settings').insertOne({ plugins: { task_manager: { theme: 'dark', limits: [1, 2.5, -3] } }, updated_at: new Date(now) });
      await personal.collection('notifications').insertMany(
        Array.from({ length: count }, (_, index) => ({
          title: `Notification ${index}`,
          read: index % 3 === 0,
          created_at: new Date(now - index * 1_000),
          meta: { kind: 'mention', tags: ['a', 'b'], nested: { depth: 2, seen_at: index % 2 ? null : new Date(now - index) }, empty: {}, none: [] },
        })),
      );
      await personal.collection('chat_events').insertMany(Array.from({ length: 10 }, (_, seq) => ({ chat_id: `chat_${user}`, seq, stored_at: new Date(now), payload: { delta: 'héllo ✓' } })));
    }
    const tasks = db.forPlugin('task_manager').collection('tasks');
    await tasks.insertMany(Array.from({ length: appId === APP ? TASKS : 5 }, (_, index) => ({ title: `Task ${index}`, done: index % 2 === 0, due: new Date(now + index * 86_400_000), steps: [{ n: 1, at: new Date(now) }], score: index / 7 })));
  }
  // A plugin collection holding only the other app's documents: it must not appear on the target.
  await database({ appId: OTHER_APP }, store).forPlugin('other_plugin').collection('items').insertOne({ secret: true });
}

/** Every document of an app, by collection, in `_id` order. */
async function appDocuments(store: Store, appId: string): Promise<Record<string, Document[]>> {
  const found: Record<string, Document[]> = {};
  for (const name of await store.collectionNames()) {
    const docs = await store.collection(name).find({ app_id: appId }, { sort: { _id: 1 } });
    if (docs.length > 0) found[name] = docs;
  }
  return found;
}

async function countOf(store: Store, appId: string): Promise<number> {
  let total = 0;
  for (const name of await store.collectionNames()) total += await store.collection(name).count({ app_id: appId });
  return total;
}

/** The keys of each index the runtime declares for a collection, as start-up creates them (lib/db/declare.ts). */
function declaredIndexes(): { collection: string; keys: Record<string, 1 | -1>; ttlSeconds?: number }[] {
  return declaredCollections().flatMap((declaration) =>
    [{ keys: (declaration.scope === 'user' ? { user_id: 1 } : {}) as Record<string, 1 | -1> }, ...declaration.indexes].map((index) => {
      const ttlSeconds = 'expireAfterSeconds' in index ? index.expireAfterSeconds : undefined;
      return { collection: declaration.name, keys: scopeIndexKeys(index.keys, { ttl: ttlSeconds !== undefined }), ttlSeconds };
    }),
  );
}

/** The command itself, as an operator runs it. */
function runCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/db-migrate.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(!binary)('moving an app between the embedded store and MongoDB (FerretDB)', () => {
  let ferret: RunningFerretDb;
  const sourceDir = makeTempDir('mozaiks-migrate-source-');
  let expected: Record<string, Document[]>;
  const plan = (overrides: Partial<MigrationPlan>): MigrationPlan => ({
    direction: 'to-mongodb',
    uri: ferret.uri('migrated'),
    appId: APP,
    dataDir: sourceDir,
    batchSize: 1_000,
    connectTimeoutMs: 5_000,
    ...overrides,
  });
  const opened: Store[] = [];
  const mongo = (database: string) => {
    const store = new MongoStore({ uri: ferret.uri(database), timeoutMs: 10_000 });
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    ferret = await startFerretDb(binary!);
    const source = new EmbeddedStore(embeddedStoreDir(sourceDir));
    await seed(source);
    expected = await appDocuments(source, APP);
    await source.close();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await ferret?.stop();
  });

  it('fills the source as intended: several collections, Dates, nested objects, a second app', () => {
    expect(Object.keys(expected)).toEqual(['chat_events', 'notifications', 'settings', 'task_manager__tasks', 'users']);
    expect(expected.notifications).toHaveLength(USERS.length * NOTIFICATIONS_PER_USER);
    expect(expected.notifications![0]!.created_at).toBeInstanceOf(Date);
  });

  let first: MigrationResult;

  it('copies the app, and only the app, into MongoDB with every field, and leaves the source as it was', async () => {
    first = await runMigration(plan({}));
    expect(first.isInterrupted).toBe(false);
    const target = mongo('migrated');
    const copied = await appDocuments(target, APP);
    expect(copied).toEqual(expected);
    const note = copied.notifications!.find((doc) => doc.meta && (doc.meta as { nested: { seen_at: unknown } }).nested.seen_at !== null)!;
    expect(note.created_at).toBeInstanceOf(Date);
    expect((note.meta as { nested: { seen_at: unknown } }).nested.seen_at).toBeInstanceOf(Date);
    expect(await countOf(target, OTHER_APP)).toBe(0);
    expect(await target.collectionNames()).not.toContain('other_plugin__items');
    expect(first).toMatchObject({ copied: Object.values(expected).flat().length, inserted: Object.values(expected).flat().length, replaced: 0 });

    const source = new EmbeddedStore(embeddedStoreDir(sourceDir));
    try {
      expect(await appDocuments(source, APP)).toEqual(expected);
      expect(await countOf(source, OTHER_APP)).toBeGreaterThan(0);
    } finally {
      await source.close();
    }
  });

  it('creates the declared indexes on MongoDB; a TTL the server cannot build is left to the app’s sweep', async () => {
    const client = new MongoClient(ferret.uri('migrated'));
    try {
      const db = client.db('migrated');
      for (const index of declaredIndexes()) {
        const existing = await db.collection(index.collection).listIndexes().toArray();
        const match = existing.find((candidate) => JSON.stringify(candidate.key) === JSON.stringify(index.keys));
        if (index.ttlSeconds === undefined) expect(match, `${index.collection} ${JSON.stringify(index.keys)}`).toBeDefined();
        else if (match) expect(match.expireAfterSeconds).toBe(index.ttlSeconds);
        else expect(first.sweptTtl).toContainEqual({ collection: index.collection, field: Object.keys(index.keys)[0], seconds: index.ttlSeconds });
      }
    } finally {
      await client.close();
    }
  });

  it('gives the same target when run again: no duplicates, nothing lost, a changed document copied again', async () => {
    const [user] = expected.users!;
    await mongo('migrated').collection('users').upsertMany([{ ...user!, username: 'changed on the target' }]);
    const again = await runMigration(plan({}));
    expect(again).toMatchObject({ isInterrupted: false, inserted: 0, replaced: 1 });
    const target = mongo('migrated');
    expect(await appDocuments(target, APP)).toEqual(expected);
    expect(await countOf(target, APP)).toBe(Object.values(expected).flat().length);
  });

  it('copies back from MongoDB into a fresh embedded store, without another app’s documents, with its indexes', async () => {
    await mongo('migrated').collection('notifications').upsertMany([{ _id: 'foreign-1', app_id: OTHER_APP, user_id: 'x', title: 'not mine', created_at: new Date() }]);
    const backDir = makeTempDir('mozaiks-migrate-back-');
    const back = await runMigration(plan({ direction: 'from-mongodb', dataDir: backDir }));
    expect(back.isInterrupted).toBe(false);

    const store = new EmbeddedStore(embeddedStoreDir(backDir));
    try {
      expect(await appDocuments(store, APP)).toEqual(expected);
      expect(await countOf(store, OTHER_APP)).toBe(0);
    } finally {
      await store.close();
    }
    // The embedded store keeps its index definitions in each collection's file (nedb's $$indexCreated).
    for (const index of declaredIndexes().filter((declared) => declared.ttlSeconds === undefined)) {
      const lines = readFileSync(path.join(embeddedStoreDir(backDir), `${index.collection}.db`), 'utf8').split('\n').filter(Boolean);
      // nedb keeps a compound index's fields sorted, as a list when created and as its name ("a,b") once the file is compacted.
      const fields = (fieldName: string | string[]) => [fieldName].flat().join(',').split(',').sort().join(',');
      const built = lines.map((line) => JSON.parse(line) as { $$indexCreated?: { fieldName: string | string[] } }).flatMap((line) => (line.$$indexCreated ? [fields(line.$$indexCreated.fieldName)] : []));
      expect(built, `${index.collection} ${JSON.stringify(index.keys)}`).toContain(fields(Object.keys(index.keys)));
    }
  });

  it('continues an interrupted run where it stopped', async () => {
    const stop = new AbortController();
    const interrupted = await runMigration(plan({ uri: ferret.uri('resumed'), batchSize: 500 }), {
      signal: stop.signal,
      // After the first batch of a collection that needs several.
      onProgress: ({ copied, total }) => (copied > 0 && copied < total ? stop.abort() : undefined),
    });
    expect(interrupted.isInterrupted).toBe(true);
    expect(interrupted.collections.map(({ name, copied }) => [name, copied])).toEqual([
      ['chat_events', expected.chat_events!.length],
      ['notifications', 500],
    ]);
    expect(await mongo('resumed').collection('notifications').count({ app_id: APP })).toBe(500);
    expect(existsSync(path.join(sourceDir, CHECKPOINT_FILE))).toBe(true);

    const progress: CollectionProgress[] = [];
    const resumed = await runMigration(plan({ uri: ferret.uri('resumed'), batchSize: 500 }), { onProgress: (event) => progress.push(event) });
    expect(resumed.isInterrupted).toBe(false);
    // Finished collections and finished batches are not copied again.
    expect(progress.find((event) => event.collection === 'chat_events')).toMatchObject({ copied: expected.chat_events!.length });
    expect(progress.find((event) => event.collection === 'notifications')).toMatchObject({ copied: 500 });
    expect(resumed.copied).toBe(Object.values(expected).flat().length - expected.chat_events!.length - 500);
    expect(await appDocuments(mongo('resumed'), APP)).toEqual(expected);
    expect(existsSync(path.join(sourceDir, CHECKPOINT_FILE))).toBe(false);
  });

  it('prints progress per collection and a summary when run as a command', async () => {
    const { code, stdout, stderr } = await runCommand(['--to', ferret.uri('command')], { MOZAIKS_DATA_DIR: sourceDir, MOZAIKS_APP_ID: APP });
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`notifications +${(USERS.length * NOTIFICATIONS_PER_USER).toLocaleString('en-US')} / ${(USERS.length * NOTIFICATIONS_PER_USER).toLocaleString('en-US')}`));
    expect(stdout).toContain(`Done: ${Object.values(expected).flat().length.toLocaleString('en-US')} documents in`);
    expect(await appDocuments(mongo('command'), APP)).toEqual(expected);
  }, 60_000);

  it('refuses an app the source holds nothing of, before touching the target', async () => {
    const { code, stderr } = await runCommand(['--to', ferret.uri('nobody'), '--app', 'nobody'], { MOZAIKS_DATA_DIR: sourceDir });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`db:migrate: the embedded store in ${embeddedStoreDir(sourceDir)} holds no documents of app "nobody" (MOZAIKS_APP_ID, or --app): nothing to copy.`]);
    expect(await mongo('nobody').collectionNames()).toEqual([]);
  }, 60_000);
});
