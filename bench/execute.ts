/**
 * The Director's full pipeline (Bearer token verified, user loaded, registry, injection, gates, rate
 * window, deadline, context, result mapping, events) against a bare route handler on the same
 * server that reads the same JSON body and answers the same JSON, in the same run, the cases taking
 * turns. Two actions: `moz.platform.hosting`'s `list_apps` on a self-hosted app, which reads
 * nothing (the issue's trivial action: what is measured is the pipeline), and `notes.list` on an
 * empty collection, which also reads the user's settings and the collection (a small real action).
 *
 * The bare handler is served two ways: through Next's router (POST /api/bench/{answer}), and
 * dispatched by server.ts exactly as the Director is (POST /api/bench-direct/{answer}); the second
 * isolates the Director's own cost. 50 keep-alive connections, as the issue asks, and 8, where
 * waiting in the queue does not swamp the latency. For reference: GET /health (no body to read), and
 * a bare node:http server in its own process answering the same JSON — the most this machine and
 * the load generator (bench/load.ts) can do, so a case far below it is measured, not capped. The
 * trivial action's ratio is also given round by round (median and range), which shows how much of
 * it is a shared host's drift.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { isDeepStrictEqual } from 'node:util';
import { registerAccount } from '../tests/support/accounts';
import { startServer } from '../tests/support/server';
import { fixed, loadTests, ratio, roundRatios, type BenchTable, type LoadResult } from './harness';

/** The benchmarked actions, and the bare handler's answer for each (app/api/bench/[answer]/route.ts). */
const ACTIONS = [
  { label: 'moz.platform.hosting {action: list_apps} (reads nothing)', plugin: 'moz.platform.hosting', action: 'list_apps', answer: 'hosting' },
  { label: 'notes {action: list} (two reads)', plugin: 'notes', action: 'list', answer: 'notes' },
] as const;

/** Rounds per case: the cases take turns, so a host whose speed drifts during the run slows them alike. */
const ROUNDS = 10;

/** A bare node:http server in a child process, answering `answer` to any request after reading its body. */
async function startNodeServer(answer: unknown): Promise<{ url: string; stop: () => void }> {
  const body = JSON.stringify(answer);
  const source = `const body = ${JSON.stringify(body)};
    const server = require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }); res.end(body); });
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${chunk.toString().trim()}/`, stop: () => void child.kill() };
}

export async function benchExecute(): Promise<BenchTable> {
  // One user's rate limit would answer 429 long before the run ends; the limit is measured by its own test.
  const server = await startServer({ env: { LOG_LEVEL: 'error', MOZAIKS_PLUGIN_RATE_LIMITS: 'false', MOZAIKS_BENCH_BASELINE: 'true' } });
  const nodeServer = await startNodeServer({ mode: 'self_hosted', available: false, reason: 'self_hosted' });
  try {
    const { headers } = await registerAccount(server.url);
    const post = (action: string) => ({ method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ action }) });
    const url = {
      execute: (plugin: string) => `${server.url}/api/execute/${plugin}`,
      throughNext: (answer: string) => `${server.url}/api/bench/${answer}`,
      direct: (answer: string) => `${server.url}/api/bench-direct/${answer}`,
    };
    // The comparison is only fair if the bare handler answers exactly what the action does.
    for (const { plugin, action, answer } of ACTIONS) {
      const answers = await Promise.all([url.execute(plugin), url.throughNext(answer), url.direct(answer)].map(async (target) => (await fetch(target, post(action))).json()));
      if (!answers.every((body) => isDeepStrictEqual(body, answers[0]))) throw new Error(`the bare handler's answer differs from ${plugin}.${action}'s: ${JSON.stringify(answers)}`);
    }

    const rows: (string | number)[][] = [];
    const row = (name: string, result: LoadResult) => [name, fixed(result.requestsPerSecond), fixed(result.p50Ms, 1), fixed(result.p99Ms, 1), result.errors];
    const compare = (name: string, measured: LoadResult, base: LoadResult) => [name, ratio(measured.requestsPerSecond, base.requestsPerSecond), ratio(measured.p50Ms, base.p50Ms), ratio(measured.p99Ms, base.p99Ms), ''];
    for (const concurrency of [50, 8]) {
      const [trivial, notes] = ACTIONS;
      const results = await loadTests(
        {
          node: { url: nodeServer.url, ...post(trivial.action) },
          health: { url: `${server.url}/health` },
          throughNext: { url: url.throughNext(trivial.answer), ...post(trivial.action) },
          trivialDirect: { url: url.direct(trivial.answer), ...post(trivial.action) },
          trivialExecute: { url: url.execute(trivial.plugin), ...post(trivial.action) },
          notesDirect: { url: url.direct(notes.answer), ...post(notes.action) },
          notesExecute: { url: url.execute(notes.plugin), ...post(notes.action) },
        },
        { concurrency, durationMs: 10_000, rounds: ROUNDS, settleMs: 300 },
      );
      const c = `${concurrency} conn ·`;
      rows.push(
        row(`${c} bare node:http server, own process (reference: this machine's and the load generator's ceiling)`, results.node),
        row(`${c} GET /health (reference, dispatched by server.ts)`, results.health),
        row(`${c} bare handler through Next's router`, results.throughNext),
        row(`${c} bare handler dispatched by server.ts (baseline)`, results.trivialDirect),
        row(`${c} POST /api/execute/${trivial.label}`, results.trivialExecute),
        compare(`${c} ratio ${trivial.plugin} ÷ baseline (the Director's own cost)`, results.trivialExecute, results.trivialDirect),
        [`${c} the same ratio round by round: median (lowest–highest of the ${ROUNDS} rounds)`, roundRatios(results.trivialExecute, results.trivialDirect), '', '', ''],
        compare(`${c} ratio ${trivial.plugin} ÷ bare handler through Next`, results.trivialExecute, results.throughNext),
        row(`${c} bare handler answering as notes.list, dispatched by server.ts (baseline)`, results.notesDirect),
        row(`${c} POST /api/execute/${notes.label}`, results.notesExecute),
        compare(`${c} ratio notes ÷ baseline (Director and the action's two reads)`, results.notesExecute, results.notesDirect),
      );
    }
    return {
      title: 'Plugin execution',
      note: "Production build on server.ts, which dispatches POST /api/execute/* itself (lib/server/direct-routes.ts); per connection count, the seven cases take turns in 10 rounds of 1 s each (10 s per case) after a warm-up, each turn after 0.3 s unmeasured of the same case; load generated on the same machine by bench/load.ts (raw keep-alive sockets). The bare handler reads the same body and answers the same JSON as the action (checked before measuring); the baseline is the bare handler dispatched exactly as the Director is, so the ratio is the Director's own cost.",
      columns: ['route', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
      rows,
    };
  } finally {
    nodeServer.stop();
    await server.stop();
  }
}
