import type { Server } from 'node:http';
import { logger } from '@/lib/runtime/logger';

export interface GracefulShutdownOptions {
  server: Server;
  /** Longest wait for in-flight requests before open connections are cut. */
  timeoutMs: number;
  /** Runs first, before the server stops accepting (e.g. mark /ready as 503, close sockets). */
  beforeClose?: () => void | Promise<void>;
  /** Runs after the HTTP server has closed (e.g. close database clients). */
  afterClose?: () => void | Promise<void>;
}

/**
 * Stops accepting connections, lets in-flight requests finish, closes idle keep-alive connections
 * so they do not hold the process open, and after `timeoutMs` cuts whatever is left.
 * Resolves to true when everything finished in time.
 */
export async function shutdownGracefully({ server, timeoutMs, beforeClose, afterClose }: GracefulShutdownOptions): Promise<boolean> {
  await beforeClose?.();
  const closed = new Promise<void>((resolve, reject) => {
    server.close((error) => (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(error) : resolve()));
  });
  // A connection becomes idle once its in-flight response is sent; close those as they appear.
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([closed.then(() => 'closed' as const), timedOut]);
    if (outcome === 'timeout') {
      logger.warn('shutdown timed out; closing remaining connections', { timeout_ms: timeoutMs });
      server.closeAllConnections();
      await closed;
    }
    await afterClose?.();
    return outcome === 'closed';
  } finally {
    clearInterval(idleSweep);
    clearTimeout(timer);
  }
}
