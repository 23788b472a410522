/**
 * Where the data may live. The embedded store is files under MOZAIKS_DATA_DIR, owned by one process:
 * right for `npm run dev` and for the custom server on a machine with a disk, wrong on a serverless or
 * read-only host, whose functions start and stop at will, run as several copies at once, and lose
 * their files. Plain `next start` in production is how those hosts run the app, so there the embedded
 * store must be asked for (MOZAIKS_EMBEDDED_STORE=allow: one long-lived instance on a persistent disk).
 */
import type { ServerKind } from '@/lib/runtime/lifecycle';

export interface PlacementInput {
  databaseUri: string | undefined;
  storage: { productionBuild: boolean; embeddedStoreAllowed: boolean; serverlessHost: string | undefined };
}

const USE_MONGODB = 'Set DATABASE_URI to a MongoDB server (MongoDB Atlas, or any server speaking the MongoDB wire protocol such as FerretDB); see docs/operations.md, "Where data lives".';

/** Why the embedded store may not serve a process that `server` serves, or undefined when it may (or is not used). */
export function embeddedStoreRefusal(env: PlacementInput, server: ServerKind): string | undefined {
  if (env.databaseUri) return undefined;
  const { serverlessHost, productionBuild, embeddedStoreAllowed } = env.storage;
  if (serverlessHost) {
    // No escape hatch: a serverless function's files are gone when it stops, whatever anyone allows.
    return `This is ${serverlessHost}, a serverless host: the embedded store's files would be lost between invocations and split between concurrent copies. ${USE_MONGODB}`;
  }
  if (server === 'next' && productionBuild && !embeddedStoreAllowed) {
    return [
      'The embedded store is refused under plain `next start` in production: this is how serverless and read-only hosts run the app, and they lose its files.',
      USE_MONGODB,
      'For one long-lived `next start` on a persistent disk, set MOZAIKS_EMBEDDED_STORE=allow; or run the custom server (`npm start`).',
    ].join(' ');
  }
  return undefined;
}
