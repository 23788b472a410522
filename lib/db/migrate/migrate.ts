/**
 * One migration: the app's documents of every collection of the source (core and plugin collections
 * alike), copied to the target after the declared indexes are created there, as start-up creates them.
 */
import path from 'node:path';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import { ensureDeclaredIndexes, type SweptTtl } from '../declare';
import { APP_FIELD } from '../scope';
import { Checkpoint } from './checkpoint';
import { copyCollection, type CollectionProgress } from './copy';
import { openEndpoints, redactUri, type Endpoints } from './endpoints';
import type { MigrationPlan } from './options';

/** The checkpoint file inside MOZAIKS_DATA_DIR (beside db/, not in it: it is no collection). */
export const CHECKPOINT_FILE = 'db-migrate-checkpoint.json';

export interface MigrationEvents {
  /** Stops the run after the batch being written; running the same plan again continues it. */
  signal?: AbortSignal;
  /** Once the stores are open and the work is known. */
  onStart?: (start: { source: string; target: string; collections: number; documents: number; isResumed: boolean }) => void;
  onProgress?: (progress: CollectionProgress) => void;
}

export interface MigrationResult {
  collections: { name: string; total: number; copied: number }[];
  /** Documents this run went through (the target holds each as in the source once they are written or found equal). */
  copied: number;
  /** Of those, the documents the target lacked, and those it held in another version. */
  inserted: number;
  replaced: number;
  isInterrupted: boolean;
  /** TTL rules the target cannot build as indexes (FerretDB): the app enforces them with its sweep. */
  sweptTtl: SweptTtl[];
  elapsedMs: number;
}

/** What this run copies: the collections holding documents of the app, and how many each. */
async function appCollections({ source }: Endpoints, appId: string): Promise<{ name: string; count: number }[]> {
  const found: { name: string; count: number }[] = [];
  for (const name of await source.store.collectionNames()) {
    const count = await source.store.collection(name).count({ [APP_FIELD]: appId });
    if (count > 0) found.push({ name, count });
  }
  if (found.length === 0) throw new StartupProblem(`${source.label} holds no documents of app "${appId}" (MOZAIKS_APP_ID, or --app): nothing to copy.`);
  return found;
}

/** Copies the plan's app from its source to its target. Refusals are StartupProblems; the source is only read. */
export async function runMigration(plan: MigrationPlan, events: MigrationEvents = {}): Promise<MigrationResult> {
  const began = Date.now();
  const endpoints = await openEndpoints(plan);
  try {
    const work = await appCollections(endpoints, plan.appId);
    const checkpoint = Checkpoint.open(path.join(plan.dataDir, CHECKPOINT_FILE), `${plan.direction} ${plan.appId} ${redactUri(plan.uri)}`);
    events.onStart?.({
      source: endpoints.source.label,
      target: endpoints.target.label,
      collections: work.length,
      documents: work.reduce((sum, { count }) => sum + count, 0),
      isResumed: checkpoint.isResumed,
    });
    const sweptTtl = await ensureDeclaredIndexes(endpoints.target.store);
    const result: MigrationResult = { collections: [], copied: 0, inserted: 0, replaced: 0, isInterrupted: false, sweptTtl, elapsedMs: 0 };
    for (const { name, count } of work) {
      if (events.signal?.aborted) {
        result.isInterrupted = true;
        break;
      }
      if (checkpoint.isFinished(name)) {
        result.collections.push({ name, total: count, copied: 0 });
        events.onProgress?.({ collection: name, copied: count, total: count });
        continue;
      }
      const copy = await copyCollection({
        collection: name,
        source: endpoints.source.store,
        target: endpoints.target.store,
        appId: plan.appId,
        batchSize: plan.batchSize,
        checkpoint,
        signal: events.signal,
        onProgress: events.onProgress,
      });
      result.collections.push({ name, total: copy.total, copied: copy.copied });
      result.copied += copy.copied;
      result.inserted += copy.inserted;
      result.replaced += copy.replaced;
      if (!copy.isComplete) {
        result.isInterrupted = true;
        break;
      }
    }
    if (!result.isInterrupted) checkpoint.clear();
    result.elapsedMs = Date.now() - began;
    return result;
  } finally {
    await endpoints.close();
  }
}
