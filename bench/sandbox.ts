/**
 * The cost of the sandbox: `notes.list` (its settings and its collection read through ctx, so two
 * round trips to the server besides the call itself) on a server running every plugin sandboxed
 * (MOZAIKS_SANDBOX_ALL, 4 processes per plugin) against the same call on a server running it
 * trusted, in the same run, the two taking turns.
 */
import { registerAccount } from '../tests/support/accounts';
import { startServer } from '../tests/support/server';
import { fixed, loadTests, ratio, type BenchTable, type LoadResult } from './harness';

export async function benchSandbox(): Promise<BenchTable> {
  const env = { LOG_LEVEL: 'error', MOZAIKS_PLUGIN_RATE_LIMITS: 'false' };
  const [trusted, sandboxed] = await Promise.all([startServer({ env }), startServer({ env: { ...env, MOZAIKS_SANDBOX_ALL: 'true' } })]);
  try {
    const request = async (url: string) => ({
      url: `${url}/api/execute/notes`,
      method: 'POST',
      headers: { ...(await registerAccount(url)).headers, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'list' }),
    });
    const results = await loadTests({ trusted: await request(trusted.url), sandboxed: await request(sandboxed.url) }, { concurrency: 16, durationMs: 8_000, rounds: 8 });
    const row = (name: string, result: LoadResult) => [name, fixed(result.requestsPerSecond), fixed(result.p50Ms, 1), fixed(result.p99Ms, 1), result.errors];
    return {
      title: 'Sandboxed plugins',
      note: 'Production build on server.ts, POST /api/execute/notes {action: list}, 16 keep-alive connections; the two servers take turns in 8 rounds of 1 s each after a warm-up; load generated on the same machine. Ratio = sandboxed ÷ trusted.',
      columns: ['plugin runs', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
      rows: [
        row('trusted, in the server process (baseline)', results.trusted),
        row('sandboxed (MOZAIKS_SANDBOX_ALL)', results.sandboxed),
        ['ratio', ratio(results.sandboxed.requestsPerSecond, results.trusted.requestsPerSecond), ratio(results.sandboxed.p50Ms, results.trusted.p50Ms), ratio(results.sandboxed.p99Ms, results.trusted.p99Ms), ''],
      ],
    };
  } finally {
    await Promise.all([trusted.stop(), sandboxed.stop()]);
  }
}
