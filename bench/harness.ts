/** Shared pieces of the benchmarks: a timed loop, an HTTP load loop, and markdown tables. */
import { drive, type LoadRequest } from './load';

export type { LoadRequest } from './load';

export interface BenchTable {
  title: string;
  /** What the ratio compares, e.g. "custom server ÷ next start". */
  note: string;
  columns: string[];
  rows: (string | number)[][];
}

export function formatTable(table: BenchTable): string {
  const header = `| ${table.columns.join(' | ')} |`;
  const rule = `| ${table.columns.map(() => '---').join(' | ')} |`;
  const rows = table.rows.map((row) => `| ${row.join(' | ')} |`);
  return [`### ${table.title}`, '', table.note, '', header, rule, ...rows].join('\n');
}

/** Runs `fn` repeatedly for `ms` milliseconds (after a warm-up) and returns operations per second. */
export async function opsPerSecond(fn: () => unknown, ms = 1500): Promise<number> {
  const until = (deadline: number) => async () => {
    let count = 0;
    while (performance.now() < deadline) {
      for (let i = 0; i < 100; i += 1) await fn();
      count += 100;
    }
    return count;
  };
  await until(performance.now() + ms / 4)();
  const started = performance.now();
  const count = await until(started + ms)();
  return (count / (performance.now() - started)) * 1000;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Requests per second in each round, in order (one entry without rounds). */
  roundsPerSecond: number[];
}

export interface LoadOptions {
  /** Keep-alive connections sending at once. */
  concurrency?: number;
  /** Measured time per case, in all rounds together. */
  durationMs?: number;
  warmupMs?: number;
  /**
   * Cases take turns this many times. The machine's speed drifts from second to second (other
   * processes, a shared host); interleaving gives every case the same share of good and bad moments,
   * so their ratio holds steady where back-to-back runs scattered by ±15 %.
   */
  rounds?: number;
  /**
   * Before each measured turn, the case runs this long unmeasured. Without it a turn pays for the
   * turn before (the garbage and the compiled code a heavy case leaves behind): a cheap case that
   * follows Next's router measured up to a third slower than the same case elsewhere in the round.
   */
  settleMs?: number;
}

/** Loads every case in turn, `rounds` times, and reports each case over all its rounds. Bounded in time. */
export async function loadTests<K extends string>(cases: Record<K, LoadRequest>, { concurrency = 8, durationMs = 4000, warmupMs = 1000, rounds = 1, settleMs = 0 }: LoadOptions = {}): Promise<Record<K, LoadResult>> {
  const names = Object.keys(cases) as K[];
  const measured = new Map<K, { latencies: number[]; errors: number; elapsed: number; rounds: number[] }>(names.map((name) => [name, { latencies: [], errors: 0, elapsed: 0, rounds: [] }]));
  for (const name of names) await drive(cases[name], concurrency, warmupMs / names.length);
  for (let round = 0; round < rounds; round += 1) {
    for (const name of names) {
      if (settleMs > 0) await drive(cases[name], concurrency, settleMs);
      const { latencies, errors, elapsedMs } = await drive(cases[name], concurrency, durationMs / rounds);
      const total = measured.get(name)!;
      total.elapsed += elapsedMs;
      total.errors += errors;
      total.rounds.push((latencies.length / elapsedMs) * 1000);
      for (const latency of latencies) total.latencies.push(latency);
    }
  }
  const results = {} as Record<K, LoadResult>;
  for (const [name, { latencies, errors, elapsed, rounds: perRound }] of measured) {
    results[name] = { requestsPerSecond: (latencies.length / elapsed) * 1000, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), errors, roundsPerSecond: perRound };
  }
  return results;
}

/** One case on its own (see loadTests). */
export async function loadTest(url: string, { headers, method, body, ...options }: Omit<LoadRequest, 'url'> & LoadOptions = {}): Promise<LoadResult> {
  return (await loadTests({ only: { url, headers, method, body } }, options)).only;
}

/** `promise`'s value, or `fallback` after `ms`; the timer is cleared either way, so it never keeps the process alive. */
export async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The value at quantile `q` (0.5 for the median, 0.99 for p99) of `values`, in any order; NaN for none. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export const fixed = (value: number, digits = 0) => value.toFixed(digits);
export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`;

/**
 * The ratio of two cases' requests per second round by round (each round of one case against the
 * same round of the other, measured moments apart): its median and range, e.g. `0.80× (0.71–0.88)`.
 * On a shared host whose speed drifts during a run, this shows how much of a ratio is the host.
 */
export function roundRatios(measured: LoadResult, baseline: LoadResult): string {
  const ratios = measured.roundsPerSecond.map((value, round) => value / baseline.roundsPerSecond[round]!);
  return `${percentile(ratios, 0.5).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
}
