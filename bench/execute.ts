/**
 * The Director's full pipeline (Bearer token verified, user loaded, registry, injection, gates, rate
 * window, deadline, the action's database reads, result mapping, events) on a near-trivial action —
 * `list` on an empty notes collection — against a bare route handler on the same server that reads
 * the same JSON body and answers the same JSON, in the same run, the cases taking turns: served
 * through Next's router (POST /api/bench/baseline), and dispatched by server.ts as the Director is
 * (POST /api/bench/baseline-direct), which isolates the Director's own cost. 50 keep-alive
 * connections, as the issue asks, and 8, where waiting in the queue does not swamp the latency.
 * GET /health (no body to read) is shown for reference.
 */
import { registerAccount } from '../tests/support/accounts';
import { startServer } from '../tests/support/server';
import { fixed, loadTests, ratio, type BenchTable, type LoadResult } from './harness';

export async function benchExecute(): Promise<BenchTable> {
  // One user's rate limit would answer 429 long before the run ends; the limit is measured by its own test.
  const server = await startServer({ env: { LOG_LEVEL: 'error', MOZAIKS_PLUGIN_RATE_LIMITS: 'false', MOZAIKS_BENCH_BASELINE: 'true' } });
  try {
    const { headers } = await registerAccount(server.url);
    const post = { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'list' }) };
    const rows: (string | number)[][] = [];
    const row = (name: string, result: LoadResult) => [name, fixed(result.requestsPerSecond), fixed(result.p50Ms, 1), fixed(result.p99Ms, 1), result.errors];
    for (const concurrency of [50, 8]) {
      const results = await loadTests(
        {
          health: { url: `${server.url}/health` },
          baseline: { url: `${server.url}/api/bench/baseline`, ...post },
          direct: { url: `${server.url}/api/bench/baseline-direct`, ...post },
          execute: { url: `${server.url}/api/execute/notes`, ...post },
        },
        { concurrency, durationMs: 6_000, rounds: 6 },
      );
      const { health, baseline, direct, execute } = results;
      const compare = (name: string, base: LoadResult) => [name, ratio(execute.requestsPerSecond, base.requestsPerSecond), ratio(execute.p50Ms, base.p50Ms), ratio(execute.p99Ms, base.p99Ms), ''];
      rows.push(
        row(`${concurrency} conn · GET /health (reference, through Next)`, health),
        row(`${concurrency} conn · bare handler through Next's router (baseline 1)`, baseline),
        row(`${concurrency} conn · bare handler dispatched by server.ts (baseline 2)`, direct),
        row(`${concurrency} conn · POST /api/execute/notes {action: list} (dispatched by server.ts)`, execute),
        compare(`${concurrency} conn · ratio execute ÷ baseline 1`, baseline),
        compare(`${concurrency} conn · ratio execute ÷ baseline 2 (the Director's own cost)`, direct),
      );
    }
    return {
      title: 'Plugin execution',
      note: "Production build on server.ts, which dispatches POST /api/execute/* itself (lib/server/direct-routes.ts); per connection count, the four cases take turns in 6 rounds of 1 s each (6 s per case) after a warm-up; load generated on the same machine. The bare handler reads the same body and answers the same JSON, once through Next's router (what any route costs) and once dispatched like the Director (what the Director itself costs).",
      columns: ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
      rows,
    };
  } finally {
    await server.stop();
  }
}
