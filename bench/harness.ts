/** Shared pieces of the benchmarks: a timed loop, an HTTP load loop, and markdown tables. */
import http from 'node:http';

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
}

/** Sends GET requests from `concurrency` keep-alive connections for `durationMs`; bounded in time. */
export async function loadTest(
  url: string,
  { concurrency = 8, durationMs = 4000, warmupMs = 1000, headers = {} as Record<string, string>, method = 'GET', body = '' } = {},
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const request = http.request(url, { agent, headers, method }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(String(response.statusCode)))));
      });
      request.on('error', reject);
      request.end(body);
    });
  const run = async (ms: number) => {
    const deadline = performance.now() + ms;
    const latencies: number[] = [];
    let errors = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          try {
            latencies.push(await once());
          } catch {
            errors += 1;
          }
        }
      }),
    );
    return { latencies, errors };
  };
  await run(warmupMs);
  const started = performance.now();
  const { latencies, errors } = await run(durationMs);
  const elapsed = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requestsPerSecond: (latencies.length / elapsed) * 1000, p50Ms: at(0.5), p99Ms: at(0.99), errors };
}

export const fixed = (value: number, digits = 0) => value.toFixed(digits);
export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`;
