/**
 * The custom server: one HTTP server for Next.js and Socket.IO.
 *
 * `npm run dev` runs this file with tsx (Next in dev mode, with HMR); `npm start` runs the copy that
 * `npm run build` bundles into dist/server.js. Plain `next start` also serves every page and API
 * route, without Socket.IO (real-time features then fall back; see docs/architecture.md).
 */
import { createServer } from 'node:http';
import nextEnv from '@next/env';
import next from 'next';
import { flushChatStreams } from '@/lib/ai/chats/stream';
import { stopAllRuns } from '@/lib/ai/runtime/shutdown';
import { closeDatabase } from '@/lib/db';
import { eventsSettled } from '@/lib/events';
import { closeEmail, notificationsSettled, stopScheduler } from '@/lib/notifications';
import { closeSandboxes } from '@/lib/plugins/sandbox';
import { watchRegistries } from '@/lib/plugins/watch';
import { attachRealtime, closeRealtime } from '@/lib/realtime';
import { closeRedis } from '@/lib/realtime/redis';
import { backgroundWorkSettled } from '@/lib/runtime/after-response';
import { markStopping } from '@/lib/runtime/lifecycle';
import { logger } from '@/lib/runtime/logger';
import { describeStartupFailure, startRuntime } from '@/lib/runtime/startup';
import { stampPeerAddress } from '@/lib/http/client-address';
import { directRoutes, type DirectRoute } from '@/lib/server/direct-routes';
import { refuseEarly } from '@/lib/server/request-guard';
import { applyBuildConfig } from '@/lib/server/build-config';
import { shutdownGracefully } from '@/lib/server/graceful-shutdown';

const dev = process.env.NODE_ENV !== 'production';

/** What the custom server answers itself: the table's endpoints, and the benchmarks' bare handler when asked. */
async function directEndpoints(benchBaseline: boolean): Promise<DirectRoute[]> {
  const { ENDPOINTS } = await import('@/lib/api/table');
  const routes: DirectRoute[] = ENDPOINTS.filter((declared) => declared.direct !== false).map((declared) => ({ method: declared.method, path: declared.path, answer: declared.route.answer }));
  // Dispatched exactly as the Director is (Next serves the same file as /api/bench/{answer}).
  if (benchBaseline) routes.push({ method: 'POST', path: '/api/bench-direct/{answer}', answer: (await import('@/app/api/bench/[answer]/route')).POST.answer });
  return routes;
}

async function main(): Promise<void> {
  // The same .env files `next dev` and `next start` would read, before anything looks at process.env.
  nextEnv.loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';

  let env;
  try {
    env = await startRuntime({ server: 'custom' });
  } catch (error) {
    console.error(describeStartupFailure(error));
    process.exit(1);
  }

  if (!dev) applyBuildConfig(process.cwd());
  const server = createServer();
  const app = next({ dev, dir: process.cwd(), hostname: 'localhost', port: env.port, httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Every endpoint of the table skips Next's router in production (lib/server/direct-routes.ts); pages and the rest are Next's.
  const serveDirectly = dev || !env.directRoutes ? () => false : directRoutes(await directEndpoints(env.benchBaseline));
  server.on('request', (req, res) => {
    stampPeerAddress(req);
    if (refuseEarly(req, res) || serveDirectly(req, res)) return;
    void handle(req, res);
  });
  attachRealtime(server);
  if (dev) watchRegistries(process.cwd());

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        console.error(`Mozaiks Core cannot start: port ${env.port} is already in use. Stop the other server or set PORT.`);
        process.exit(1);
      }
      reject(error);
    });
    server.listen(env.port, env.host, () => resolve());
  });
  logger.info(`listening on http://localhost:${env.port}`, { mode: dev ? 'development' : 'production', host: env.host });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const clean = await shutdownGracefully({
      server,
      timeoutMs: env.shutdownTimeoutMs,
      // As long again for the closing steps: generous for work a loaded host finishes slowly, yet bounded.
      closeTimeoutMs: env.shutdownTimeoutMs,
      beforeClose: () => {
        markStopping();
        closeRealtime();
      },
      // Runs in progress stop (their model calls abort) and store their state; then the last events are written.
      // Work already accepted finishes before the database closes: scheduled sends, deliveries, subscribers,
      // and whatever else requests left running (lib/runtime/after-response.ts). Each step is bounded: a
      // dependency already gone must not hold the process (tests/server/shutdown-after-dependencies-are-gone.test.ts).
      afterClose: [
        { name: 'stop AI runs', run: stopAllRuns },
        { name: 'flush chat streams', run: flushChatStreams },
        { name: 'close Next', run: () => app.close() },
        { name: 'stop the scheduler', run: stopScheduler },
        { name: 'settle background work', run: () => Promise.all([notificationsSettled(), eventsSettled(), backgroundWorkSettled()]) },
        { name: 'close email', run: closeEmail },
        { name: 'close sandboxes', run: closeSandboxes },
        { name: 'close Redis', run: closeRedis },
        { name: 'close the database', run: closeDatabase },
      ],
    });
    process.exit(clean ? 0 : 1);
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
