/**
 * `npm run dev` to the first rendered page (issue #22), cold (no .next/dev) and warm (the cache of the
 * start before), a few rounds each, taking turns. The baseline is measured in the same starts: the time
 * until the server answers GET /health, that is the runtime started, Next prepared and one small route
 * compiled. The page's figure adds what a developer waits for beyond that: compiling the proxy and the
 * page's server and client graphs, and rendering it. Both poll from the moment the process is spawned.
 */
import { rmSync } from 'node:fs';
import { DEV_CACHE_DIR, spawnDevServer, waitForDevServer } from '../tests/support/dev-server';
import { fixed, percentile, type BenchTable } from './harness';

const ROUNDS = Number(process.env.BENCH_DEV_START_ROUNDS ?? 3);
/** A cold start on a busy two-core host takes minutes; a start that never answers is a failure, not a figure. */
const TIMEOUT_MS = 300_000;

interface Start {
  healthMs: number;
  pageMs: number;
}

/** `/` as a visitor opens it: the proxy sends them to the sign-in page, which must arrive rendered. */
async function isRenderedPage(response: Response): Promise<boolean> {
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html')) return false;
  return (await response.text()).includes('id="sign-in-title"');
}

async function measureStart(cold: boolean): Promise<Start> {
  if (cold) rmSync(DEV_CACHE_DIR, { recursive: true, force: true });
  const server = await spawnDevServer();
  try {
    const [health, page] = await Promise.all([
      waitForDevServer(server, { path: '/health', timeoutMs: TIMEOUT_MS }),
      waitForDevServer(server, { path: '/', timeoutMs: TIMEOUT_MS, isDone: isRenderedPage }),
    ]);
    return { healthMs: health - server.spawnedAt, pageMs: page - server.spawnedAt };
  } finally {
    await server.stop();
  }
}

const summary = (values: number[]) => `${fixed(percentile(values, 0.5))} (${fixed(Math.min(...values))}–${fixed(Math.max(...values))})`;

export async function benchDevStart(): Promise<BenchTable> {
  const starts = { cold: [] as Start[], warm: [] as Start[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    starts.cold.push(await measureStart(true));
    starts.warm.push(await measureStart(false));
  }
  const row = (name: string, measured: Start[]) => {
    const ratios = measured.map(({ pageMs, healthMs }) => pageMs / healthMs);
    return [
      name,
      measured.length,
      summary(measured.map(({ healthMs }) => healthMs)),
      summary(measured.map(({ pageMs }) => pageMs)),
      `${percentile(ratios, 0.5).toFixed(2)}×`,
    ];
  };
  return {
    title: 'Development server start',
    note:
      'server.ts under tsx as `npm run dev` runs it (without its predev codegen), spawn to first answer, median (min–max) over the rounds; cold and warm ' +
      'starts take turns. Cold: .next/dev deleted first; warm: the cache the cold start before it left. Baseline: GET /health 200 in the same start ' +
      '(runtime up, Next prepared, one small route compiled). First page: GET / followed to the sign-in page, 200 with the form rendered. Ratio = first page ÷ /health.',
    columns: ['start', 'rounds', 'spawn → /health ms (baseline)', 'spawn → first page ms', 'ratio'],
    rows: [row('cold (no .next/dev)', starts.cold), row('warm (second start)', starts.warm)],
  };
}
