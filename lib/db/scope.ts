/**
 * Tenant scoping, in one place. Every handle the runtime gives out carries a scope (an app, and for
 * personal data a user). These pure functions turn a caller's filter, update, document or pipeline
 * into one that cannot reach outside that scope, or reject it.
 *
 * The scope fields are stored as top-level `app_id` / `user_id` on every document. Filters get them
 * as top-level equality conditions, ANDed with the caller's: the caller's conditions are kept (so
 * `{app_id: "other"}` simply matches nothing) and can only narrow the result, whatever operators they
 * use ($or, $expr, `_id` lookups). Writes are stamped with the scope, and updates may not touch it.
 */
import { ObjectId } from 'mongodb';
import { invalidWrite, queryNotAllowed } from './errors';
import type { Document } from './types';

export interface Scope {
  appId: string;
  /** Set for personal data: the handle only sees this user's documents. */
  userId?: string;
}

export const APP_FIELD = 'app_id';
export const USER_FIELD = 'user_id';

/** Operators that run code on the database server; refused everywhere. */
const CODE_OPERATORS = new Set(['$where', '$function', '$accumulator']);

/** Update operators a caller may use. */
const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$rename',
  '$currentDate',
  '$setOnInsert',
]);

/**
 * Pipeline stages that only transform the documents flowing through them. Stages that read other
 * collections ($lookup, $unionWith, $graphLookup), write ($out, $merge) or inspect the server are refused.
 */
const PIPELINE_STAGES = new Set([
  '$match',
  '$project',
  '$addFields',
  '$set',
  '$unset',
  '$group',
  '$sort',
  '$skip',
  '$limit',
  '$count',
  '$unwind',
  '$replaceRoot',
  '$replaceWith',
  '$sortByCount',
  '$bucket',
  '$bucketAuto',
  '$facet',
  '$sample',
]);

/** A fresh document id: the 24-hex form of a MongoDB ObjectId, so ids sort by creation time. */
export function newId(): string {
  return new ObjectId().toHexString();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function scopeFields(scope: Scope): Document {
  return scope.userId === undefined ? { [APP_FIELD]: scope.appId } : { [APP_FIELD]: scope.appId, [USER_FIELD]: scope.userId };
}

function protectedFields(scope: Scope): string[] {
  return scope.userId === undefined ? [APP_FIELD] : [APP_FIELD, USER_FIELD];
}

/** Walks any JSON-like value and refuses operators that execute code. */
function assertNoCode(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    for (const item of value) assertNoCode(item, where);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (CODE_OPERATORS.has(key)) throw queryNotAllowed(`${key} is not allowed in ${where}: it would run code on the database server`);
    assertNoCode(inner, where);
  }
}

/** The caller's filter, confined to the scope. */
export function scopeFilter(scope: Scope, filter: unknown = {}): Document {
  if (!isPlainObject(filter)) throw queryNotAllowed('A filter must be an object, such as { "status": "open" }');
  assertNoCode(filter, 'a filter');
  const scoped = scopeFields(scope);
  // Top-level conditions are ANDed, so the caller's can sit beside the scope's — which keeps their
  // equality fields where every server looks for them when an upsert builds its document. A caller
  // naming a scope field is nested instead: it can narrow the result, never replace the scope.
  if (Object.keys(scoped).some((field) => field in filter)) return { ...scoped, $and: [filter] };
  return { ...filter, ...scoped };
}

/** Checks a field path in an update against the fields the caller may not change. */
function assertWritablePath(path: string, scope: Scope, operator: string): void {
  const root = path.split('.')[0];
  if (root === '_id') throw queryNotAllowed(`${operator} may not change _id`);
  if (root !== undefined && protectedFields(scope).includes(root)) {
    throw queryNotAllowed(`${operator} may not change ${root}: it is set by the runtime`);
  }
}

/**
 * The caller's update, checked. Only operator updates are accepted: a plain object would replace the
 * document (use replaceOne), and pipeline updates are not supported. An upsert inserts the equality
 * fields of the scoped filter — which include the scope — and gets a string `_id` unless the filter
 * names one.
 */
export function scopeUpdate(scope: Scope, update: unknown, options: { upsert: boolean; filter?: unknown }): Document {
  if (Array.isArray(update)) throw queryNotAllowed('Pipeline updates are not supported; use update operators such as $set');
  if (!isPlainObject(update) || Object.keys(update).length === 0) {
    throw queryNotAllowed('An update must be an object of update operators, such as { "$set": { "status": "done" } }');
  }
  assertNoCode(update, 'an update');
  for (const [operator, fields] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(operator)) {
      throw queryNotAllowed(
        operator.startsWith('$')
          ? `Update operator ${operator} is not supported`
          : `An update must only contain operators such as $set (found "${operator}"); use replaceOne to replace a document`,
      );
    }
    if (!isPlainObject(fields)) throw queryNotAllowed(`${operator} takes an object of fields`);
    for (const [path, value] of Object.entries(fields)) {
      assertWritablePath(path, scope, operator);
      if (operator === '$rename') {
        if (typeof value !== 'string') throw queryNotAllowed('$rename takes new field names as strings');
        assertWritablePath(value, scope, operator);
      }
    }
  }
  const filterNamesId = isPlainObject(options.filter) && options.filter._id !== undefined;
  if (!options.upsert || filterNamesId) return update;
  const onInsert = isPlainObject(update.$setOnInsert) ? update.$setOnInsert : {};
  return { ...update, $setOnInsert: { ...onInsert, _id: newId() } };
}

function assertStorableKeys(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertStorableKeys(item, `${path}[${index}]`));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('$') || key.includes('.')) {
      throw invalidWrite(`Field name "${key}" at ${path} may not start with "$" or contain "."`);
    }
    assertStorableKeys(inner, `${path}.${key}`);
  }
}

/** A document to insert: its own fields, a string `_id`, and the scope (overwriting any the caller set). */
export function scopeDocument(scope: Scope, doc: unknown): Document {
  if (!isPlainObject(doc)) throw invalidWrite('A document must be an object');
  assertStorableKeys(doc, '$');
  const id = doc._id ?? newId();
  if (typeof id !== 'string' || id.length === 0) throw invalidWrite('_id must be a non-empty string when given');
  return { ...doc, _id: id, ...scopeFields(scope) };
}

/** A replacement keeps the matched document's `_id`; the scope is stamped like an insert. */
export function scopeReplacement(scope: Scope, replacement: unknown): Document {
  if (!isPlainObject(replacement)) throw invalidWrite('A replacement must be an object');
  if (Object.keys(replacement).some((key) => key.startsWith('$'))) {
    throw queryNotAllowed('A replacement may not contain update operators; use updateOne');
  }
  assertStorableKeys(replacement, '$');
  const { _id: _ignored, ...rest } = replacement;
  return { ...rest, ...scopeFields(scope) };
}

function assertAllowedStages(pipeline: unknown[], where: string): void {
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw queryNotAllowed(`Each stage of ${where} must be an object with exactly one stage operator`);
    }
    const [name, body] = Object.entries(stage)[0]!;
    if (!PIPELINE_STAGES.has(name)) {
      throw queryNotAllowed(`Pipeline stage ${name} is not allowed: only stages that transform this collection's own documents are`);
    }
    if (name === '$facet' && isPlainObject(body)) {
      for (const [facet, inner] of Object.entries(body)) {
        if (!Array.isArray(inner)) throw queryNotAllowed(`$facet.${facet} must be a pipeline`);
        assertAllowedStages(inner, `$facet.${facet}`);
      }
    }
  }
}

/** A pipeline whose first stage confines it to the scope; stages reaching other collections are refused. */
export function scopePipeline(scope: Scope, pipeline: unknown): Document[] {
  if (!Array.isArray(pipeline)) throw queryNotAllowed('A pipeline must be an array of stages');
  assertAllowedStages(pipeline, 'a pipeline');
  assertNoCode(pipeline, 'a pipeline');
  return [{ $match: scopeFields(scope) }, ...(pipeline as Document[])];
}

/**
 * Index keys for a scoped collection: the app comes first so every index serves tenant-confined
 * queries and unique keys are unique per app. TTL indexes must stay single-field (a MongoDB rule).
 */
export function scopeIndexKeys(keys: Record<string, 1 | -1>, options: { ttl: boolean }): Record<string, 1 | -1> {
  if (options.ttl) {
    if (Object.keys(keys).length !== 1) throw queryNotAllowed('A TTL index must have exactly one (date) field');
    return keys;
  }
  const { [APP_FIELD]: _app, ...rest } = keys;
  return { [APP_FIELD]: 1, ...rest };
}
