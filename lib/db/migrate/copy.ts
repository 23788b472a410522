/**
 * Copies one collection's documents of one app, in batches in `_id` order read through one cursor;
 * after each batch the checkpoint records its last id, so a run that stops continues after it.
 */
import { createHash } from 'node:crypto';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import { APP_FIELD } from '../scope';
import type { Document, Store, StoreCollection } from '../types';
import type { Checkpoint } from './checkpoint';

/** How far a collection has been copied; reported after every batch. */
export interface CollectionProgress {
  collection: string;
  /** Documents copied so far, including those an interrupted run copied before. */
  copied: number;
  total: number;
}

export interface CopyOptions {
  collection: string;
  source: Store;
  target: Store;
  appId: string;
  batchSize: number;
  checkpoint: Checkpoint;
  /** Checked after each batch: a batch is written whole, and the checkpoint says so, before stopping. */
  signal?: AbortSignal;
  onProgress?: (progress: CollectionProgress) => void;
}

/** Of the documents copied, those the target lacked and those it held in another version. */
export interface Written {
  inserted: number;
  replaced: number;
}

/** Where in a value something is that the embedded store cannot keep (it holds JSON types and dates). */
function unstorablePath(value: unknown, at: string): string | undefined {
  if (value === null || value instanceof Date || ['string', 'number', 'boolean'].includes(typeof value)) return undefined;
  if (Array.isArray(value)) return value.map((item, index) => unstorablePath(item, `${at}.${index}`)).find(Boolean);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).map(([key, item]) => unstorablePath(item, at ? `${at}.${key}` : key)).find(Boolean);
  }
  return at;
}

/**
 * Refuses what the checkpoint or the target could not keep faithfully: an `_id` that is not a string
 * (ids are strings in Mozaiks Core), and for the embedded store a value such as an ObjectId, a
 * Decimal128 or binary data, which it would change silently.
 */
function assertCopyable(doc: Document, collection: string, target: Store): void {
  if (typeof doc._id !== 'string') {
    throw new StartupProblem(`${collection}: a document has a non-string _id (${String(doc._id)}); Mozaiks Core keeps ids as strings and cannot copy it.`);
  }
  const at = target.kind === 'embedded' ? unstorablePath(doc, '') : undefined;
  if (at !== undefined) throw new StartupProblem(`${collection}: document ${doc._id} holds a value the embedded store cannot keep at "${at}" (it keeps JSON types and dates).`);
}

/**
 * A document's content, whatever the field order and whichever store returned it: its fields sorted,
 * Dates as their time, any other object that is not plain (an ObjectId, binary data) named by its type.
 */
function fingerprint(doc: Document): string {
  const canonical = JSON.stringify(doc, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.getTime() };
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return value;
    const fields = Object.entries(raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.getPrototypeOf(raw) === Object.prototype ? Object.fromEntries(fields) : { $type: raw.constructor?.name, value };
  });
  return createHash('sha256').update(canonical).digest('base64');
}

/** What the target holds of the app, by `_id`: read once, in one pass, so no batch has to ask. */
async function targetFingerprints(to: StoreCollection, scope: Document, batchSize: number): Promise<Map<unknown, string>> {
  const held = new Map<unknown, string>();
  for await (const docs of to.readInBatches(scope, batchSize)) for (const doc of docs) held.set(doc._id, fingerprint(doc));
  return held;
}

/**
 * Inserts the documents the target lacks and, of those it holds already (a run again, or the batch an
 * interruption cut short), replaces only the ones that differ: a run again over unchanged data writes
 * nothing. Inserting is fast on every server; a replacement by `_id` (and a query per batch) costs
 * FerretDB a scan of the collection, which made a run again over 50,000 documents take minutes.
 */
async function writeBatch(to: StoreCollection, docs: Document[], held: Map<unknown, string>): Promise<Written> {
  const missing = docs.filter((doc) => !held.has(doc._id));
  if (missing.length > 0) await to.insertMany(missing);
  const changed = docs.filter((doc) => held.has(doc._id) && held.get(doc._id) !== fingerprint(doc));
  if (changed.length > 0) await to.upsertMany(changed);
  return { inserted: missing.length, replaced: changed.length };
}

/** Copies what is left of the collection; resolves whether it got to the end (false: stopped by the signal). */
export async function copyCollection(options: CopyOptions): Promise<Written & { total: number; copied: number; isComplete: boolean }> {
  const { collection, appId, batchSize, checkpoint, signal, onProgress } = options;
  const from = options.source.collection(collection);
  const to = options.target.collection(collection);
  const scope = { [APP_FIELD]: appId };
  const copiedThrough = checkpoint.copiedThrough(collection);
  const remaining = copiedThrough === undefined ? scope : { ...scope, _id: { $gt: copiedThrough } };
  const total = await from.count(scope);
  const skipped = copiedThrough === undefined ? 0 : total - (await from.count(remaining));
  const held = await targetFingerprints(to, scope, batchSize);
  const written: Written = { inserted: 0, replaced: 0 };
  let copied = 0;
  onProgress?.({ collection, copied: skipped, total });
  for await (const docs of from.readInBatches(remaining, batchSize)) {
    for (const doc of docs) assertCopyable(doc, collection, options.target);
    const batch = await writeBatch(to, docs, held);
    written.inserted += batch.inserted;
    written.replaced += batch.replaced;
    copied += docs.length;
    checkpoint.advance(collection, docs.at(-1)!._id as string);
    onProgress?.({ collection, copied: skipped + copied, total });
    if (signal?.aborted) return { ...written, total, copied, isComplete: false };
  }
  checkpoint.finish(collection);
  return { ...written, total, copied, isComplete: true };
}
