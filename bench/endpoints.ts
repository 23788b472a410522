/**
 * Endpoints served directly by server.ts (lib/server/direct-routes.ts) against the same endpoints
 * through Next's router, in the same run: two production servers from the same build, one with
 * MOZAIKS_DIRECT_ROUTES=false (the custom server leaves every endpoint to Next, as `next start`
 * does). Cases: `GET /health` (public, no database) and a signed-in `GET /api/current-theme`
 * (a Bearer token verified and the user read). The cases take turns in rounds, so a host whose speed
 * drifts slows them alike; the ratio is direct ÷ through Next.
 */
import { registerAccount } from '../tests/support/accounts';
import { startServer } from '../tests/support/server';
import { fixed, loadTests, ratio, roundRatios, type BenchTable, type LoadResult } from './harness';

const ROUNDS = 6;

export async function benchEndpoints(): Promise<BenchTable> {
  const env = { LOG_LEVEL: 'error', MOZAIKS_CHECK_OUTPUTS: 'false' };
  const [direct, throughNext] = await Promise.all([startServer({ env }), startServer({ env: { ...env, MOZAIKS_DIRECT_ROUTES: 'false' } })]);
  try {
    const [directUser, nextUser] = await Promise.all([registerAccount(direct.url), registerAccount(throughNext.url)]);
    const rows: (string | number)[][] = [];
    const row = (name: string, result: LoadResult) => [name, fixed(result.requestsPerSecond), fixed(result.p50Ms, 1), fixed(result.p99Ms, 1), result.errors];
    const compare = (name: string, measured: LoadResult, base: LoadResult) => [
      name,
      `${ratio(measured.requestsPerSecond, base.requestsPerSecond)} (rounds: ${roundRatios(measured, base)})`,
      ratio(measured.p50Ms, base.p50Ms),
      ratio(measured.p99Ms, base.p99Ms),
      '',
    ];
    for (const concurrency of [8, 50]) {
      const results = await loadTests(
        {
          healthNext: { url: `${throughNext.url}/health` },
          healthDirect: { url: `${direct.url}/health` },
          themeNext: { url: `${throughNext.url}/api/current-theme`, headers: nextUser.headers },
          themeDirect: { url: `${direct.url}/api/current-theme`, headers: directUser.headers },
        },
        { concurrency, durationMs: 6_000, rounds: ROUNDS, settleMs: 300 },
      );
      const c = `${concurrency} conn ·`;
      rows.push(
        row(`${c} GET /health through Next's router (baseline)`, results.healthNext),
        row(`${c} GET /health dispatched by server.ts`, results.healthDirect),
        compare(`${c} ratio /health direct ÷ through Next`, results.healthDirect, results.healthNext),
        row(`${c} GET /api/current-theme (Bearer) through Next's router (baseline)`, results.themeNext),
        row(`${c} GET /api/current-theme (Bearer) dispatched by server.ts`, results.themeDirect),
        compare(`${c} ratio /api/current-theme direct ÷ through Next`, results.themeDirect, results.themeNext),
      );
    }
    return {
      title: 'Endpoints: direct dispatch against Next’s router',
      note: `Two production servers from one build, one with MOZAIKS_DIRECT_ROUTES=false; the four cases take turns in ${ROUNDS} rounds of 1 s each after a warm-up, each turn after 0.3 s unmeasured of the same case; load generated on the same machine by bench/load.ts (raw keep-alive sockets). Ratio = direct ÷ through Next (req/s; for latencies lower is better), with the median and range of the per-round ratios.`,
      columns: ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
      rows,
    };
  } finally {
    await Promise.all([direct.stop(), throughNext.stop()]);
  }
}
