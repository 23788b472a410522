/**
 * What `npm run db:migrate` prints: where from and to, progress per collection, a summary, and any
 * refusal as one line (never a stack trace: the operator gets what to do instead).
 */
import { isApiError } from '@/lib/errors';
import { StartupProblem } from '@/lib/runtime/startup-problem';
import type { CollectionProgress } from './copy';
import type { MigrationEvents, MigrationResult } from './migrate';

/** Where lines cannot be rewritten in place (a log file, CI), a collection's progress is printed at most this often. */
export const LOGGED_PROGRESS_INTERVAL_MS = 5_000;

const count = (value: number) => value.toLocaleString('en-US');

type Start = Parameters<NonNullable<MigrationEvents['onStart']>>[0];

export function describeStart(start: Start): string {
  const resumed = start.isResumed ? '; continuing the interrupted run' : '';
  const collections = `${count(start.collections)} collection${start.collections === 1 ? '' : 's'}`;
  return `From ${start.source}\nTo   ${start.target}\n${count(start.documents)} documents in ${collections}${resumed}`;
}

/** Progress as `name  copied / total`: rewritten in place on a terminal, else a line now and then and when done. */
export function progressPrinter(write: (text: string) => void, isTerminal: boolean): (progress: CollectionProgress) => void {
  let lastPrinted = 0;
  return ({ collection, copied, total }) => {
    const line = `  ${collection.padEnd(36)} ${count(copied).padStart(10)} / ${count(total)}`;
    const isDone = copied >= total;
    if (isTerminal) {
      write(`\r${line}${isDone ? '\n' : ''}`);
    } else if (isDone || Date.now() - lastPrinted >= LOGGED_PROGRESS_INTERVAL_MS) {
      write(`${line}\n`);
      lastPrinted = Date.now();
    }
  };
}

export function describeResult(result: MigrationResult): string {
  const seconds = result.elapsedMs / 1000;
  const rate = seconds > 0 ? ` (${count(Math.round(result.copied / seconds))} documents/s)` : '';
  const unchanged = result.copied - result.inserted - result.replaced;
  const copied = `${count(result.copied)} documents in ${seconds.toFixed(1)} s${rate}: ${count(result.inserted)} inserted, ${count(result.replaced)} replaced, ${count(unchanged)} already there`;
  if (result.isInterrupted) return `Stopped after ${copied}. Run the same command again to continue where it stopped.`;
  const swept = result.sweptTtl.map((rule) => `${rule.collection}.${rule.field}`);
  const ttl = swept.length ? `\nThis server cannot build TTL indexes: the app expires ${swept.join(', ')} with its own sweep.` : '';
  return `Done: ${copied}. Every collection is complete, the declared indexes exist on the target, and the source is unchanged.${ttl}`;
}

/** The one line for an error the operator can act on; undefined for a bug (which keeps its stack trace). */
export function describeRefusal(error: unknown): string | undefined {
  if (error instanceof StartupProblem) return error.message;
  if (!isApiError(error)) return undefined;
  if (error.errorCode === 'DB_UNAVAILABLE') return 'The database stopped answering. Run the same command again to continue where it stopped.';
  return `${error.detail} Fix that, then run the same command again to continue where it stopped.`;
}
