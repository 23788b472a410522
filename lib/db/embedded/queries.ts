/**
 * Compiled mingo queries, reused. Building a mingo Query copies every operator table of its
 * context (hundreds of entries) before compiling the filter: about 20 µs and most of the garbage of
 * a small find, paid twice by a typical plugin call (its settings, then its own collection). A
 * compiled query is a set of stateless predicates, so one built for a filter serves every later
 * call with an identical filter.
 */
import { Query } from 'mingo';
import type { Document } from '../types';

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

/** The compiled query for a filter, built once per distinct filter. */
export function compiledQuery(filter: Document): Query {
  const key = keyOf(filter);
  if (key === undefined) return new Query(filter);
  let query = cache.get(key);
  if (query) {
    // Refresh its place, so the cache drops the least recently used filter.
    cache.delete(key);
  } else {
    query = new Query(filter);
    if (cache.size >= MAX_QUERIES) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, query);
  return query;
}

/** Matches everything: the query sorting, skipping and projecting already matched documents runs. */
export const MATCH_ALL = new Query({});
