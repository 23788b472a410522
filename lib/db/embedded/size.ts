/**
 * How big the embedded store is on disk, and past what size MongoDB is the answer. Read from the
 * collection files alone, so `npm run doctor` can check it without opening (and locking) the store.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Past this many bytes of collection files, the embedded store is the wrong database: it keeps every
 * document in memory (the process holds several times the file size), a query no index serves scans
 * them all on the event loop, and compaction rewrites every file. /ready reports the size and
 * `npm run doctor` warns beyond it (docs/data.md).
 */
export const EMBEDDED_STORE_WARN_BYTES = 100 * 1024 * 1024;

/** Bytes of the collection files (`*.db`) in an embedded store's folder; 0 when it does not exist yet. */
export function embeddedStoreBytes(dir: string): number {
  let entries: string[];
  try {
    entries = readdirSync(/* turbopackIgnore: true */ dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.endsWith('.db')) continue;
    try {
      bytes += statSync(path.join(/* turbopackIgnore: true */ dir, entry)).size;
    } catch (error) {
      // A compaction renames files; one gone between listing and stat no longer counts.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return bytes;
}
