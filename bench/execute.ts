/**
 * The Director's full pipeline (Bearer token verified, user loaded, registry, injection, gates, rate
 * window, deadline, the action's database read, result mapping) on a near-trivial action — `list` on
 * an empty notes collection — against a route that does no authentication or database work
 * (GET /health) on the same server in the same run. 50 keep-alive connections.
 */
import { registerAccount } from '../tests/support/accounts';
import { startServer } from '../tests/support/server';
import { fixed, loadTest, ratio, type BenchTable } from './harness';

export async function benchExecute(): Promise<BenchTable> {
  // One user's rate limit would answer 429 long before the run ends; the limit is measured by its own test.
  const server = await startServer({ env: { LOG_LEVEL: 'error', MOZAIKS_PLUGIN_RATE_LIMITS: 'false' } });
  try {
    const { headers } = await registerAccount(server.url);
    const options = { concurrency: 50, durationMs: 5_000 };
    const baseline = await loadTest(`${server.url}/health`, options);
    const execute = await loadTest(`${server.url}/api/execute/notes`, {
      ...options,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'list' }),
    });
    const row = (name: string, result: typeof baseline) => [name, fixed(result.requestsPerSecond), fixed(result.p50Ms, 1), fixed(result.p99Ms, 1), result.errors];
    return {
      title: 'Plugin execution',
      note: 'Production build on server.ts, 50 keep-alive connections for 5 s after 1 s of warm-up, load generated on the same machine. Ratio = execute ÷ baseline.',
      columns: ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
      rows: [
        row('GET /health (baseline)', baseline),
        row('POST /api/execute/notes {action: list}', execute),
        ['ratio', ratio(execute.requestsPerSecond, baseline.requestsPerSecond), ratio(execute.p50Ms, baseline.p50Ms), ratio(execute.p99Ms, baseline.p99Ms), ''],
      ],
    };
  } finally {
    await server.stop();
  }
}
