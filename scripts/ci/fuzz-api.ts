// Fuzzes every operation of /api/openapi.json with Schemathesis (ST_BIN, from scripts/ci/schemathesis.sh)
// against the production build: once with a valid Bearer token (the first account: a superadmin, so the
// admin API is reached too), once without credentials. Fails on any server error, any answer outside its
// schema, or any status the document does not list for the operation. Run by .ci/run after `npm test`.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import webpush from 'web-push';
import { type Counts, rewordPytestBanner } from './closing-line';
import { registerAccount } from '../../tests/support/accounts';
import { startServer } from '../../tests/support/server';

const st = process.env.ST_BIN;
if (!st) throw new Error('ST_BIN is not set: run scripts/ci/schemathesis.sh first');
const maxExamples = process.env.FUZZ_MAX_EXAMPLES ?? '25';
const checks = 'not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance';

/** Runs Schemathesis, its output passed through line by line as it comes, and reads its closing count of test cases. */
function runSchemathesis(bin: string, args: string[]): Promise<{ status: number | null; cases: Counts }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      process.stdout.write(`${rewordPytestBanner(line)}\n`);
      output += `${line}\n`;
    });
    child.on('error', reject);
    // 'close' comes after stdout has ended, so every line has been read by then.
    child.on('close', (status) => resolve({ status, cases: readCaseCounts(output) }));
  });
}

/** Schemathesis closes with `Test cases:` then `4628 generated, 4625 passed, 3 failed, 3 skipped` (parts omitted when 0). */
function readCaseCounts(output: string): Counts {
  const line = /Test cases:\s*\n\s*([^\n]+)/.exec(output)?.[1] ?? '';
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

// Push on, so its routes answer as in a deployment, with a push service no endpoint can be on
// (`.invalid` never resolves): the server never posts to an address the fuzzer made up.
const vapid = webpush.generateVAPIDKeys();
const server = await startServer({
  env: {
    LOG_LEVEL: 'warn',
    MOZAIKS_PLUGIN_RATE_LIMITS: 'false',
    PUSH_VAPID_PUBLIC_KEY: vapid.publicKey,
    PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
    PUSH_VAPID_CLAIMS_EMAIL: 'fuzz@example.com',
    PUSH_SERVICE_HOSTS: 'push.invalid',
    // SSE streams end after 1 s here, so that each fuzzed call of a stream reads it whole instead of waiting out a timeout.
    MOZAIKS_REALTIME_STREAM_SECONDS: '1',
  },
});
let failed = false;
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const account = await registerAccount(server.url);
  const runs: [string, string[]][] = [
    ['with a Bearer token', ['-H', `Authorization: Bearer ${account.access_token}`]],
    ['without credentials', []],
  ];
  for (const [label, auth] of runs) {
    process.stdout.write(`\n::group::Schemathesis ${label}\n`);
    const result = await runSchemathesis(
      st,
      ['run', `${server.url}/api/openapi.json`, '--checks', checks, '--max-examples', maxExamples, '--phases', 'examples,coverage,fuzzing', '--workers', '2', '--seed', '21', '--no-color', '--generation-database', 'none', '--request-timeout', '30', '--suppress-health-check', 'filter_too_much', ...auth],
    );
    for (const key of ['passed', 'failed', 'skipped'] as const) totals[key] += result.cases[key];
    process.stdout.write('::endgroup::\n');
    if (result.status !== 0) {
      failed = true;
      process.stdout.write(`Schemathesis ${label}: FAILED (exit ${result.status})\n`);
    } else {
      process.stdout.write(`Schemathesis ${label}: passed\n`);
    }
  }
} finally {
  await server.stop();
}
const resultsDir = process.env.MOZAIKS_TEST_RESULTS_DIR;
if (resultsDir) writeFileSync(path.join(resultsDir, 'schemathesis.json'), JSON.stringify({ ...totals, failed: failed ? Math.max(totals.failed, 1) : totals.failed }));
if (failed) {
  process.stdout.write(`\nThe server's log (last 80 lines):\n${server.output().split('\n').slice(-80).join('\n')}\n`);
  process.exit(1);
}
