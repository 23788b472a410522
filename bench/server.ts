/**
 * The custom server (Next + Socket.IO on one http server) against plain `next start`, the baseline,
 * measured in the same run: throughput and latency on a JSON route and a server-rendered page, and
 * resident memory of each process tree after the load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { registerAccount } from '../tests/support/accounts';
import { startServer, type ServerMode } from '../tests/support/server';
import { fixed, loadTest, ratio, type BenchTable, type LoadResult } from './harness';

/** Resident and peak memory of a process and its children, in MiB (Linux /proc). */
export function treeMemoryMiB(rootPid: number): { rss: number; peak: number } {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      parents.set(Number(entry), Number(/PPid:\s+(\d+)/.exec(status)?.[1]));
    } catch {
      // The process ended while we listed /proc.
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i += 1) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  let rss = 0;
  let peak = 0;
  for (const pid of tree) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return { rss: rss / 1024, peak: peak / 1024 };
}

interface Measured {
  health: LoadResult;
  page: LoadResult;
  memory: { rss: number; peak: number };
  firstResponseMs: number;
}

async function measure(mode: ServerMode): Promise<Measured> {
  const started = performance.now();
  const server = await startServer({ mode });
  const firstResponseMs = performance.now() - started;
  try {
    const health = await loadTest(`${server.url}/health`);
    // The dashboard as a signed-in user sees it (a Bearer token, so no browser session is needed).
    const { headers } = await registerAccount(server.url);
    const page = await loadTest(`${server.url}/`, { concurrency: 4, headers });
    return { health, page, memory: treeMemoryMiB(server.child.pid!), firstResponseMs };
  } finally {
    await server.stop();
  }
}

export async function benchServer(): Promise<BenchTable> {
  const baseline = await measure('next-start');
  const custom = await measure('custom');
  const row = (name: string, m: Measured) => [
    name,
    fixed(m.firstResponseMs),
    fixed(m.health.requestsPerSecond),
    fixed(m.health.p99Ms, 1),
    fixed(m.page.requestsPerSecond),
    fixed(m.page.p99Ms, 1),
    fixed(m.memory.rss),
    fixed(m.memory.peak),
  ];
  return {
    title: 'Custom server vs plain next start',
    note:
      'Production build, 8 keep-alive connections on GET /health and 4 on GET / (the server-rendered dashboard of a signed-in user), 4 s each after 1 s of warm-up; ' +
      'load generated from the same machine. Start-up is spawn to first 200 on /ready. Ratio = custom server ÷ next start.',
    columns: ['server', 'start-up ms', '/health req/s', '/health p99 ms', '/ req/s', '/ p99 ms', 'RSS MiB', 'peak RSS MiB'],
    rows: [
      row('next start (baseline)', baseline),
      row('server.ts', custom),
      [
        'ratio',
        ratio(custom.firstResponseMs, baseline.firstResponseMs),
        ratio(custom.health.requestsPerSecond, baseline.health.requestsPerSecond),
        ratio(custom.health.p99Ms, baseline.health.p99Ms),
        ratio(custom.page.requestsPerSecond, baseline.page.requestsPerSecond),
        ratio(custom.page.p99Ms, baseline.page.p99Ms),
        ratio(custom.memory.rss, baseline.memory.rss),
        ratio(custom.memory.peak, baseline.memory.peak),
      ],
    ],
  };
}
