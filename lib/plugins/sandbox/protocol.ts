/**
 * Messages between the server and a sandbox process, over the child process's IPC channel with
 * structured-clone serialisation (so dates, regular expressions and maps survive the trip).
 * The sandbox serves one call at a time; every request it makes is answered in the name of the
 * caller of that call, and refused once the call is over.
 */

/** What the sandbox learns about a call: the caller as the runtime verified them, nothing secret. */
export interface SandboxCall {
  app_id: string;
  user_id: string;
  identity: { app_id: string; user_id: string; username: string; email: string | null; roles: string[]; is_superadmin: boolean; auth_method: string };
  /** `ctx.connectors.mode`, the only plain value of the connector bundle. */
  connectors_mode: 'managed' | 'self_hosted' | 'mock';
}

/** An error, as it crosses the boundary: only what the caller may see, and enough to rebuild the same response. */
export type SerializedError =
  | { kind: 'api'; error_code: string; detail: string; status: number; extra?: Record<string, unknown> }
  | { kind: 'validation'; issues: { path: PropertyKey[]; message: string; code: string }[] }
  | { kind: 'denied'; detail: string }
  | { kind: 'thrown'; message: string };

/** Server → sandbox. */
export type ToSandbox =
  | { type: 'call'; id: number; data: Record<string, unknown>; call: SandboxCall }
  | { type: 'reply'; seq: number; ok: true; value: unknown }
  | { type: 'reply'; seq: number; ok: false; error: SerializedError };

/** Sandbox → server. */
export type FromSandbox =
  | { type: 'ready' }
  | { type: 'request'; call: number; seq: number; capability: string; method: string; args: unknown[] }
  | { type: 'log'; call: number; level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> }
  | { type: 'done'; id: number; ok: true; value: unknown }
  | { type: 'done'; id: number; ok: false; error: SerializedError };

/** The methods of a scoped collection a sandboxed plugin may call (lib/db/collection.ts). */
export const COLLECTION_METHODS = [
  'find',
  'findOne',
  'countDocuments',
  'distinct',
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'aggregate',
  'createIndex',
] as const;
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];
