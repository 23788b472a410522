/**
 * Sign-ups against everything else (the hardening issue's finding 2): with bcryptjs on the main
 * thread, 40 concurrent sign-ups stalled GET /health for 18.6 s and plugin calls for 23.8 s. Here the
 * production server answers a steady probe of GET /health and a plugin call, first alone (the
 * baseline), then while 40 clients sign up in a loop; the ratio of the p99s is the cost sign-ups put
 * on everyone else.
 */
import { registerAccount } from '../tests/support/accounts';
import { startServer } from '../tests/support/server';
import { fixed, percentile, type BenchTable } from './harness';

const SIGN_UP_CLIENTS = 40;
const PROBE_MS = 8_000;
/** One probe request every this many ms, on each probe target. */
const PROBE_INTERVAL_MS = 25;

interface Probe {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

/** Requests `send` every PROBE_INTERVAL_MS for `ms`, one at a time, and reports their latencies. */
async function probe(send: () => Promise<Response>, ms: number): Promise<Probe> {
  const latencies: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const started = performance.now();
    const response = await send();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`probe answered ${response.status}`);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: Math.max(...latencies), count: latencies.length };
}

export async function benchSignups(): Promise<BenchTable> {
  const server = await startServer({ env: { MOZAIKS_SIGNUPS_PER_HOUR: '0', MOZAIKS_PLUGIN_RATE_LIMITS: 'false' } });
  try {
    const { headers } = await registerAccount(server.url);
    const health = () => fetch(`${server.url}/health`);
    const plugin = () =>
      fetch(`${server.url}/api/execute/task_manager`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"action":"list"}' });
    const probes = () => Promise.all([probe(health, PROBE_MS), probe(plugin, PROBE_MS)]);
    await probes();
    const [healthAlone, pluginAlone] = await probes();

    let running = true;
    let created = 0;
    let refused = 0;
    let sequence = 0;
    const signUpLoop = async () => {
      while (running) {
        const name = `bench${(sequence += 1)}x${Date.now().toString(36)}`;
        const response = await fetch(`${server.url}/api/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: name, password: `${name}-password`, email: `${name}@example.com`, full_name: 'Bench' }),
        });
        await response.arrayBuffer();
        if (response.status === 200) created += 1;
        else if (response.status === 503) {
          // As a well-behaved client would: wait as long as the server asked.
          refused += 1;
          await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
        } else throw new Error(`sign-up answered ${response.status}`);
      }
    };
    const clients = Array.from({ length: SIGN_UP_CLIENTS }, signUpLoop);
    const started = performance.now();
    const [healthLoaded, pluginLoaded] = await probes();
    const seconds = (performance.now() - started) / 1000;
    running = false;
    await Promise.all(clients);

    const row = (name: string, alone: Probe, loaded: Probe) => [name, fixed(alone.p50, 1), fixed(alone.p99, 1), fixed(loaded.p50, 1), fixed(loaded.p99, 1), fixed(loaded.max, 1), `${(loaded.p99 / alone.p99).toFixed(1)}×`];
    return {
      title: 'Sign-ups beside other requests',
      note:
        `Production build (custom server, embedded store). A probe sends one request at a time every ${PROBE_INTERVAL_MS} ms for ${PROBE_MS / 1000} s to GET /health and to a plugin call ` +
        `(task_manager list), first alone, then while ${SIGN_UP_CLIENTS} clients sign up in a loop: ${created} sign-ups in ${fixed(seconds, 1)} s ` +
        `(${fixed(created / seconds, 1)}/s), ${refused} answered 503 (hashing queue full; the client then waits for Retry-After). Ratio = p99 under sign-ups ÷ p99 alone.`,
      columns: ['probe', 'alone p50 ms', 'alone p99 ms', 'under sign-ups p50 ms', 'under sign-ups p99 ms', 'max ms', 'ratio'],
      rows: [row('GET /health', healthAlone, healthLoaded), row('plugin call', pluginAlone, pluginLoaded)],
    };
  } finally {
    await server.stop();
  }
}
