import type { Server } from 'node:http';
import { logger } from '@/lib/runtime/logger';

/** How long the closing steps may take together once the HTTP server has closed, unless told otherwise. */
export const CLOSE_STEPS_TIMEOUT_MS = 5_000;

/** One thing to close after the HTTP server, named for the log when it fails or runs out of time. */
export interface ShutdownStep {
  name: string;
  run: () => unknown;
}

export interface GracefulShutdownOptions {
  server: Server;
  /** Longest wait for in-flight requests before open connections are cut. */
  timeoutMs: number;
  /** Runs first, before the server stops accepting (e.g. mark /ready as 503, close sockets). */
  beforeClose?: () => void | Promise<void>;
  /** Run in order after the HTTP server has closed (e.g. close database clients). */
  afterClose?: readonly ShutdownStep[];
  /** How long `afterClose` may take in all (default CLOSE_STEPS_TIMEOUT_MS). */
  closeTimeoutMs?: number;
}

/** The least a step gets once the budget is spent by those before it. */
const MIN_STEP_SLICE_MS = 250;

const TIMED_OUT = Symbol('timed out');

/** `work`'s outcome, or TIMED_OUT after `ms`; the timer does not outlive it. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the steps in order within one budget, and true when every one finished. A dependency that is already
 * gone (Redis, the database) can leave a step waiting for an answer that never comes: a step that fails or is
 * still running when the budget is spent is logged and left behind, and the next step runs, with at least
 * a short slice of its own so that the last clients get a chance to close. The process exits soon after.
 */
async function runSteps(steps: readonly ShutdownStep[], budgetMs: number): Promise<boolean> {
  const deadline = Date.now() + budgetMs;
  let clean = true;
  for (const step of steps) {
    const remaining = Math.max(deadline - Date.now(), MIN_STEP_SLICE_MS);
    try {
      if ((await within(Promise.resolve().then(step.run), remaining)) === TIMED_OUT) {
        clean = false;
        logger.warn('shutdown step timed out; going on without it', { step: step.name, timeout_ms: Math.round(remaining) });
      }
    } catch (error) {
      clean = false;
      logger.warn('shutdown step failed; going on without it', { step: step.name, error });
    }
  }
  return clean;
}

/**
 * Stops accepting connections, lets in-flight requests finish, closes idle keep-alive connections
 * so they do not hold the process open, and after `timeoutMs` cuts whatever is left; then runs the
 * closing steps, bounded by `closeTimeoutMs`. Resolves to true when everything finished in time.
 */
export async function shutdownGracefully({ server, timeoutMs, beforeClose, afterClose = [], closeTimeoutMs = CLOSE_STEPS_TIMEOUT_MS }: GracefulShutdownOptions): Promise<boolean> {
  await beforeClose?.();
  const closed = new Promise<void>((resolve, reject) => {
    server.close((error) => (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(error) : resolve()));
  });
  // A connection becomes idle once its in-flight response is sent; close those as they appear.
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  try {
    const outcome = await within(closed, timeoutMs);
    if (outcome === TIMED_OUT) {
      logger.warn('shutdown timed out; closing remaining connections', { timeout_ms: timeoutMs });
      server.closeAllConnections();
      await closed;
    }
    const isClean = await runSteps(afterClose, closeTimeoutMs);
    return outcome !== TIMED_OUT && isClean;
  } finally {
    clearInterval(idleSweep);
  }
}
