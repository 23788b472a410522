// nedb's document model (lib/model.js), used for the index keys of bulk writes (./bulk.ts); nedb ships no types for it.
declare module '@seald-io/nedb/lib/model.js' {
  /** The index key of a document for the given fields: a value, an array of values, or for several fields an object. */
  export function getDotValues(doc: unknown, fields: string[]): unknown;
  /** nedb's order of index keys (0 when equal). */
  export function compareThings(a: unknown, b: unknown): number;
}
