// nedb's document model (lib/model.js), used for index keys (./bulk.ts, ./keyed-index.ts), and its Index class, which
// ./keyed-index.test.ts compares KeyedIndex with; nedb ships no types for either.
declare module '@seald-io/nedb/lib/model.js' {
  /** The index key of a document for the given fields: a value, an array of values, or for several fields an object. */
  export function getDotValues(doc: unknown, fields: string[]): unknown;
  /** nedb's order of index keys (0 when equal). */
  export function compareThings(a: unknown, b: unknown): number;
}

declare module '@seald-io/nedb/lib/indexes.js' {
  /** nedb's index: an AVL tree of keys, each with the array of documents holding it. */
  export default class Index {
    constructor(options: { fieldName: string; unique?: boolean; sparse?: boolean });
    fieldName: string;
    unique: boolean;
    sparse: boolean;
    tree: { executeOnEveryNode(visit: (node: { key: unknown; data: Record<string, unknown>[] }) => void): void };
    insert(doc: Record<string, unknown> | Record<string, unknown>[]): void;
    remove(doc: Record<string, unknown> | Record<string, unknown>[]): void;
    update(oldDoc: Record<string, unknown>, newDoc: Record<string, unknown>): void;
    getMatching(value: unknown): Record<string, unknown>[];
    getBetweenBounds(query: Record<string, unknown>): Record<string, unknown>[];
    getAll(): Record<string, unknown>[];
  }
}
