/**
 * Loading and validating every config file against reading and JSON.parse-ing them alone (the
 * baseline, which is what the original runtime did): the price of the zod schemas, paid at start-up
 * and, in development, on every config change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILES, CONFIG_KEYS, loadConfigs } from '../lib/config/loader';
import { fixed, opsPerSecond, ratio, type BenchTable } from './harness';

export async function benchConfig(): Promise<BenchTable> {
  const dir = path.resolve('config');
  const parseOnly = () => CONFIG_KEYS.map((key) => JSON.parse(readFileSync(path.join(dir, CONFIG_FILES[key].file), 'utf8')));
  const validated = () => loadConfigs(dir);
  const baseline = await opsPerSecond(parseOnly);
  const measured = await opsPerSecond(validated);
  return {
    title: 'Config loading',
    note: 'All seven shipped config files, read from disk each time. Ratio = validated ÷ parse-only.',
    columns: ['case', 'loads/s', 'µs per load'],
    rows: [
      ['read + JSON.parse (baseline)', fixed(baseline), fixed(1e6 / baseline, 1)],
      ['read + JSON.parse + zod validation', fixed(measured), fixed(1e6 / measured, 1)],
      ['ratio', ratio(measured, baseline), ratio(baseline, measured)],
    ],
  };
}
