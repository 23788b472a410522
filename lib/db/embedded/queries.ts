/**
 * Compiled mingo queries, reused. Building a mingo Query copies every operator table of its
 * context (hundreds of entries) before compiling the filter: about 20 µs and most of the garbage of
 * a small find, paid twice by a typical plugin call (its settings, then its own collection). A
 * compiled query is a set of stateless predicates, so one built for a filter serves every later
 * call with an identical filter.
 */
import { ApiError } from '@/lib/errors';
import { queryNotAllowed } from '../errors';
import type { Document } from '../types';
import { Query } from './mingo';

/** Enough for the distinct filters of a busy app's hot paths; the oldest unused one goes first. */
const MAX_QUERIES = 1_000;
/** Operators whose compiled form may hold state ($$NOW is fixed at first use) or run code. */
const UNCACHED_OPERATORS = new Set(['$expr', '$where', '$function']);

const cache = new Map<string, Query>();

function isPlain(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlain);
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.entries(value as Document).every(([key, item]) => !UNCACHED_OPERATORS.has(key) && isPlain(item));
}

/**
 * A cache key that two filters share only if they are the same filter: JSON text, and only for
 * filters made of JSON values (a Date, RegExp or ObjectId has no faithful JSON form, so such
 * filters are compiled each time).
 */
function keyOf(filter: Document): string | undefined {
  return isPlain(filter) ? JSON.stringify(filter) : undefined;
}

/**
 * Operators the embedded store cannot run. mingo refuses them only with an internal error (a 500);
 * a caller gets a 400 instead, and the same filter works on MongoDB.
 */
const UNSUPPORTED_OPERATORS: Record<string, string> = {
  $text: '$text needs a text index, which the embedded store does not have; use $regex, or MongoDB (DATABASE_URI)',
  $jsonSchema: '$jsonSchema is not supported by the embedded store; check fields with ordinary query operators, or use MongoDB (DATABASE_URI)',
  $near: 'geospatial queries are not supported by the embedded store; use MongoDB (DATABASE_URI)',
  $nearSphere: 'geospatial queries are not supported by the embedded store; use MongoDB (DATABASE_URI)',
  $geoWithin: 'geospatial queries are not supported by the embedded store; use MongoDB (DATABASE_URI)',
  $geoIntersects: 'geospatial queries are not supported by the embedded store; use MongoDB (DATABASE_URI)',
};

function assertSupported(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) assertSupported(item);
    return;
  }
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return;
  for (const [key, inner] of Object.entries(value)) {
    const reason = UNSUPPORTED_OPERATORS[key];
    if (reason) throw queryNotAllowed(reason);
    assertSupported(inner);
  }
}

/**
 * Builds a mingo query. A filter mingo cannot compile (an unknown operator, a malformed argument,
 * an invalid regular expression) is the caller's mistake: QUERY_NOT_ALLOWED with mingo's reason.
 */
export function buildQuery(filter: Document): Query {
  try {
    return new Query(filter);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    assertSupported(filter);
    throw queryNotAllowed(`The filter cannot run: ${error instanceof Error ? error.message.replace(/^mingo: /, '') : String(error)}`);
  }
}

/** The compiled query for a filter, built once per distinct filter. */
export function compiledQuery(filter: Document): Query {
  const key = keyOf(filter);
  if (key === undefined) return buildQuery(filter);
  let query = cache.get(key);
  if (query) {
    // Refresh its place, so the cache drops the least recently used filter.
    cache.delete(key);
  } else {
    query = buildQuery(filter);
    if (cache.size >= MAX_QUERIES) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, query);
  return query;
}

/** Matches everything: the query sorting, skipping and projecting already matched documents runs. */
export const MATCH_ALL = new Query({});
