/**
 * The embedded store under a soak (issue #19): the production server creates notifications steadily
 * for SOAK_SECONDS (default 300) through a plugin (task_manager: a task due in the past notifies its
 * owner at once), then throughput of a simple database-backed route and RSS are compared with the
 * same measurements taken before the soak, in the same run (the baseline), and `mark-all-read` over
 * everything the soak left is timed while a probe checks that the server keeps answering.
 *
 * Runnable alone: `SOAK_SECONDS=60 npx tsx bench/soak.ts`; in the suite: `npm run bench -- soak`.
 */
import { pathToFileURL } from 'node:url';
import { registerAccount } from '../tests/support/accounts';
import { startServer } from '../tests/support/server';
import { fixed, formatTable, loadTest, percentile, ratio, type BenchTable, type LoadResult } from './harness';
import { drive } from './load';
import { treeMemoryMiB } from './server';

/** How long notifications are created for; the finding's soak ran 5 minutes. */
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
/** Connections creating notifications at once during the soak. */
const SOAK_CONNECTIONS = 8;

interface Snapshot {
  count: LoadResult;
  rssMiB: number;
  documents: number;
  bytes: number;
}

async function snapshot(url: string, headers: Record<string, string>, pid: number): Promise<Snapshot> {
  const count = await loadTest(`${url}/api/notifications/count`, { headers });
  const ready = (await (await fetch(`${url}/ready`)).json()) as { details?: { database?: { documents?: number; bytes?: number } } };
  return { count, rssMiB: treeMemoryMiB(pid).rss, documents: ready.details?.database?.documents ?? 0, bytes: ready.details?.database?.bytes ?? 0 };
}

/** Times one request while a probe asks GET /health every 20 ms; returns its time and the probe's slowest answer. */
async function timeWithProbe(url: string, request: () => Promise<Response>): Promise<{ ms: number; status: number; body: unknown; probeMaxMs: number; probes: number }> {
  let running = true;
  const probeTimes: number[] = [];
  const probe = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${url}/health`);
      probeTimes.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const response = await request();
  const body: unknown = await response.json();
  const ms = performance.now() - started;
  running = false;
  await probe;
  return { ms, status: response.status, body, probeMaxMs: Math.max(0, ...probeTimes), probes: probeTimes.length };
}

/** Runs the soak and returns its table. */
export async function benchSoak(): Promise<BenchTable> {
  // The soak is the point: the per-plugin call limit would turn most of it into 429s.
  const server = await startServer({ env: { MOZAIKS_PLUGIN_RATE_LIMITS: 'false' } });
  try {
    const { headers } = await registerAccount(server.url);
    const pid = server.child.pid!;
    const before = await snapshot(server.url, headers, pid);

    const created = await drive(
      {
        url: `${server.url}/api/execute/task_manager`,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'create', title: 'Soak task', due_date: '2020-01-01' }),
      },
      SOAK_CONNECTIONS,
      SOAK_SECONDS * 1000,
    );
    const unread = ((await (await fetch(`${server.url}/api/notifications/count`, { headers })).json()) as { unread_count: number }).unread_count;
    const after = await snapshot(server.url, headers, pid);

    const markAll = await timeWithProbe(server.url, () => fetch(`${server.url}/api/notifications/mark-all-read`, { method: 'POST', headers }));
    if (markAll.status !== 200) throw new Error(`mark-all-read answered ${markAll.status}: ${JSON.stringify(markAll.body)}`);
    const rssAfterMarkAll = treeMemoryMiB(pid).rss;

    const createdPerSecond = created.latencies.length / (created.elapsedMs / 1000);
    return {
      title: 'Embedded store soak',
      note:
        `Production build (server.ts) on the embedded store. For ${SOAK_SECONDS} s, ${SOAK_CONNECTIONS} keep-alive connections create tasks due in the past ` +
        `(task_manager), each notifying its owner at once: ${created.latencies.length} created (${fixed(createdPerSecond)}/s, p99 ${fixed(percentile(created.latencies, 0.99), 1)} ms, ${created.errors} errors), ` +
        `${unread} unread notifications at the end. GET /api/notifications/count (8 connections, 4 s after 1 s of warm-up) and the server's RSS before and after; ` +
        `then POST /api/notifications/mark-all-read over all of them, with GET /health asked every 20 ms meanwhile (${markAll.probes} probes, slowest ${fixed(markAll.probeMaxMs)} ms). ` +
        `RSS after mark-all-read: ${fixed(rssAfterMarkAll)} MiB. Ratio = after ÷ before.`,
      columns: ['measure', 'before soak', 'after soak', 'ratio'],
      rows: [
        ['documents in the store (/ready)', String(before.documents), String(after.documents), ''],
        ['bytes on disk (/ready), MiB', fixed(before.bytes / 2 ** 20, 1), fixed(after.bytes / 2 ** 20, 1), ''],
        ['/api/notifications/count req/s', fixed(before.count.requestsPerSecond), fixed(after.count.requestsPerSecond), ratio(after.count.requestsPerSecond, before.count.requestsPerSecond)],
        ['/api/notifications/count p99 ms', fixed(before.count.p99Ms, 1), fixed(after.count.p99Ms, 1), ratio(after.count.p99Ms, before.count.p99Ms)],
        ['server RSS MiB', fixed(before.rssMiB), fixed(after.rssMiB), ratio(after.rssMiB, before.rssMiB)],
        ['mark-all-read ms', '', fixed(markAll.ms), ''],
      ],
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${formatTable(await benchSoak())}\n`);
}
