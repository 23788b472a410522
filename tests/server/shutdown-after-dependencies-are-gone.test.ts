/**
 * A server sent SIGTERM after its Redis and its database had already gone did not exit within 15 s (seen once):
 * closing Redis waited for clients that were reconnecting to a Redis that would never come back. Now a client
 * that is not connected is dropped at once, and every closing step is bounded (lib/server/graceful-shutdown.ts):
 * the process exits within SHUTDOWN_BOUND_MS whatever is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../support/ferretdb';
import { redisBinary, startRedis, type RunningRedis } from '../support/redis';
import { startServer, type RunningServer } from '../support/server';

const redisBin = redisBinary();
const ferretBin = ferretDbBinary();
if (process.env.CI && (!redisBin || !ferretBin)) throw new Error('CI runs the shutdown suite: install redis-server and build FerretDB (.ci/run does both)');

/**
 * With nothing in flight the HTTP server closes at once, and with Redis's clients dropped at once the closing
 * steps take about a second on a quiet host. On a busy one (a CI run, every suite in parallel) a step can still
 * run long, so the server gets a closing budget of CLOSE_BUDGET_MS (MOZAIKS_SHUTDOWN_TIMEOUT_MS; 10 s by default)
 * and the bound leaves room for it: what is asserted is that the exit is bounded whatever is gone. Before the fix
 * the process never exited (still running when this bound, 15 s at first, ran out).
 */
const CLOSE_BUDGET_MS = 3_000;
const SHUTDOWN_BOUND_MS = 10_000;

describe.skipIf(!redisBin || !ferretBin)('shutdown after Redis and the database are gone', () => {
  let redis: RunningRedis;
  let ferret: RunningFerretDb;
  let server: RunningServer;

  beforeAll(async () => {
    [redis, ferret] = await Promise.all([startRedis(redisBin!), startFerretDb(ferretBin!)]);
    server = await startServer({
      env: {
        MOZAIKS_APP_ID: 'shutdown_app',
        DATABASE_URI: ferret.uri(`shutdown_${Date.now()}`),
        REDIS_URL: redis.url,
        LOG_LEVEL: 'warn',
        MOZAIKS_SHUTDOWN_TIMEOUT_MS: String(CLOSE_BUDGET_MS),
      },
      readyTimeoutMs: 60_000,
    });
  }, 90_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await Promise.all([redis?.stop(), ferret?.stop()]);
  });

  it('exits within the bound on SIGTERM', async () => {
    // Some use first, so the clients hold connections and pooled sessions as a server in service does.
    await registerAccount(server.url);
    await Promise.all([redis.stop(), ferret.stop()]);
    const started = Date.now();
    server.child.kill('SIGTERM');
    const code = await Promise.race([server.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), SHUTDOWN_BOUND_MS))]);
    expect(code, `still running ${SHUTDOWN_BOUND_MS} ms after SIGTERM:\n${server.output()}`).not.toBe('hung');
    expect(Date.now() - started).toBeLessThan(SHUTDOWN_BOUND_MS);
    // Closing the sockets once published a disconnect to the other instances through the dead Redis, unawaited.
    expect(server.output()).not.toContain('unhandledRejection');
  }, 60_000);
});
