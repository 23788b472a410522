/**
 * A bulk write on the embedded store beside other work (issue #19): `updateMany` marks a user's
 * unread notifications read (every one shares the user's index keys), then `deleteMany` removes them,
 * while probes record how long the event loop was held: the longest gap between 1 ms timer ticks,
 * the loop's delay p99 (monitorEventLoopDelay) and the stretches of work between two turns of the
 * loop (the batches). Baseline: the same operations in the same run over as many notifications
 * spread over users of 10 each, so no index key is shared by many documents.
 *
 * Runnable alone: `BULK_DOCUMENTS=150000 npx tsx bench/bulk.ts`; in the suite: `npm run bench -- bulk`.
 */
import { rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { database } from '../lib/db';
import { EmbeddedStore } from '../lib/db/embedded';
import { makeTempDir } from '../tests/support/config-dir';
import { fixed, formatTable, percentile, ratio, type BenchTable } from './harness';

/** Notifications per run; the in-process figure of docs/performance.md uses 150,000. */
const DOCUMENTS = Number(process.env.BULK_DOCUMENTS ?? 150_000);
/** Notifications per user in the baseline. */
const SPREAD_PER_USER = 10;

interface Held {
  ms: number;
  /** Stretches of work between two turns of the event loop, in ms. */
  stretches: number[];
  longestTimerGapMs: number;
  delayP99Ms: number;
}

/** Runs `operation` while probes watch the event loop. */
async function watched(operation: () => Promise<unknown>): Promise<Held> {
  const stretches: number[] = [];
  let running = true;
  let lastTurn = performance.now();
  const turn = () => {
    const now = performance.now();
    stretches.push(now - lastTurn);
    lastTurn = now;
    if (running) setImmediate(turn);
  };
  let lastTick = performance.now();
  let longestTimerGapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestTimerGapMs = Math.max(longestTimerGapMs, now - lastTick);
    lastTick = now;
  }, 1);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  setImmediate(turn);
  const started = performance.now();
  await operation();
  const ms = performance.now() - started;
  running = false;
  delay.disable();
  clearInterval(ticker);
  return { ms, stretches: [...stretches].sort((a, b) => a - b), longestTimerGapMs, delayP99Ms: delay.percentile(99) / 1e6 };
}

/** Seeds DOCUMENTS unread notifications with the declared notification indexes, `perUser` per user. */
async function seed(store: EmbeddedStore, perUser: number) {
  const app = database({ appId: 'bench' }, store);
  const shape = app.forUser('u0').collection('notifications');
  await shape.createIndex({ keys: { user_id: 1 } });
  await shape.createIndex({ keys: { user_id: 1, created_at: -1 } });
  await shape.createIndex({ keys: { user_id: 1, read: 1 } });
  const started = Date.now();
  for (let first = 0; first < DOCUMENTS; first += perUser) {
    const user = app.forUser(`u${first / perUser}`).collection('notifications');
    const count = Math.min(perUser, DOCUMENTS - first);
    await user.insertMany(Array.from({ length: count }, (_, n) => ({ title: `n${first + n}`, read: false, read_at: null, created_at: new Date(started + first + n) })));
  }
  return app;
}

interface Run {
  update: Held;
  remove: Held;
}

async function run(perUser: number): Promise<Run> {
  const dir = makeTempDir('mozaiks-bench-bulk-');
  const store = new EmbeddedStore(dir);
  try {
    const app = await seed(store, perUser);
    // Everyone's notifications in the baseline, one user's (all of them) otherwise: the same documents.
    const target = perUser >= DOCUMENTS ? app.forUser('u0').collection('notifications') : app.collection('notifications');
    const update = await watched(() => target.updateMany({ read: false }, { $set: { read: true, read_at: new Date() } }));
    const remove = await watched(() => target.deleteMany({ read: true }));
    return { update, remove };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function rows(label: string, held: Held): (string | number)[] {
  const batches = held.stretches.filter((ms) => ms >= 1);
  return [
    label,
    fixed(held.ms / 1000, 1),
    batches.length,
    fixed(percentile(batches, 0.5), 1),
    fixed(batches.at(-1) ?? 0, 1),
    fixed(held.delayP99Ms, 1),
    fixed(held.longestTimerGapMs, 1),
  ];
}

/** Runs both cases and returns the table. */
export async function benchBulk(): Promise<BenchTable> {
  const spread = await run(SPREAD_PER_USER);
  const shared = await run(DOCUMENTS);
  return {
    title: 'Bulk writes on the embedded store',
    note: `In-process, ${DOCUMENTS.toLocaleString('en')} unread notifications with the declared notification indexes; \`updateMany({read: false})\` marks them read, then \`deleteMany({read: true})\` removes them. "Batches" are the stretches of work of 1 ms or more between two turns of the event loop; the timer gap is the longest wait of a 1 ms interval. Baseline: the notifications spread over users of ${SPREAD_PER_USER}. Ratio = one user's ÷ spread.`,
    columns: ['case', 'total s', 'batches', 'batch p50 ms', 'batch max ms', 'loop delay p99 ms', 'longest timer gap ms'],
    rows: [
      rows(`updateMany, spread over users of ${SPREAD_PER_USER} (baseline)`, spread.update),
      rows('updateMany, one user (shared index keys)', shared.update),
      ['updateMany: ratio', ratio(shared.update.ms, spread.update.ms), '', '', '', '', ratio(shared.update.longestTimerGapMs, spread.update.longestTimerGapMs)],
      rows(`deleteMany, spread over users of ${SPREAD_PER_USER} (baseline)`, spread.remove),
      rows('deleteMany, one user (shared index keys)', shared.remove),
      ['deleteMany: ratio', ratio(shared.remove.ms, spread.remove.ms), '', '', '', '', ratio(shared.remove.longestTimerGapMs, spread.remove.longestTimerGapMs)],
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${formatTable(await benchBulk())}\n`);
}
