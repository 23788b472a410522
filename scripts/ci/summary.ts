// The closing line of .ci/run: every suite's counts added up, as `Total: N passed, N failed, N skipped`,
// read from the reports the suites wrote to MOZAIKS_TEST_RESULTS_DIR (Vitest's and Playwright's JSON
// reporters, scripts/ci/fuzz-api.ts). A suite whose report is missing counts as failed: CI that ran
// nothing must not read as green.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { type Counts, closingLine } from './closing-line';

const resultsDir = process.env.MOZAIKS_TEST_RESULTS_DIR;
if (!resultsDir) throw new Error('MOZAIKS_TEST_RESULTS_DIR is not set');

function readReport<T>(dir: string, file: string): T | undefined {
  const at = path.join(dir, file);
  return existsSync(at) ? (JSON.parse(readFileSync(at, 'utf8')) as T) : undefined;
}

const suites: [string, Counts | undefined][] = [
  [
    'Vitest',
    (() => {
      const r = readReport<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(resultsDir, 'vitest.json');
      return r && { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    })(),
  ],
  [
    'Playwright',
    (() => {
      const r = readReport<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(resultsDir, 'playwright.json');
      return r && { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
    })(),
  ],
  ['Schemathesis', readReport<Counts>(resultsDir, 'schemathesis.json')],
];

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const [name, counts] of suites) {
  const shown = counts ?? { passed: 0, failed: 1, skipped: 0 };
  process.stdout.write(`${closingLine(name, shown)}${counts ? '' : ' (no report)'}\n`);
  for (const key of ['passed', 'failed', 'skipped'] as const) total[key] += shown[key];
}
process.stdout.write(`${closingLine('Total', total)}\n`);
process.exit(total.failed > 0 ? 1 : 0);
