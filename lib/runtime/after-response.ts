/**
 * Work a request starts and leaves running after its answer (a notification's email, an event's
 * subscribers, an AI run) must not depend on the process living on. Serverless hosts freeze or end a
 * function once its response is sent, unless the work was handed to the platform's `waitUntil`,
 * which Next exposes as `after()` (next/server). So:
 *
 * - under `next start` and serverless hosts, inside a request, the work goes to `after()`: the host
 *   keeps the function alive until it settles (Next's own server awaits it on close);
 * - on the custom server (whose endpoints are dispatched without Next, where `after()` has no request
 *   scope), and for work started outside any request (a scheduler tick), it is tracked here, and
 *   graceful shutdown awaits it (`backgroundWorkSettled`).
 *
 * The work starts at once either way (an AI run streams while the user watches); only its end is
 * what the host is asked to wait for.
 *
 * `after` is handed over by lib/runtime/instrumentation-node.ts rather than imported here: loading
 * next/server before Next has set up its AsyncLocalStorage (server.ts loads lib/ before Next) leaves
 * Next a stand-in that fails every request. Instrumentation runs inside Next, once it is set up.
 */
import { processSingleton } from './global';
import { isCustomServer } from './lifecycle';
import { logger } from './logger';

/** Next's `after()` (next/server), as it takes a promise. */
export type After = (task: Promise<unknown>) => void;

const state = processSingleton('after-response', () => ({ pending: new Set<Promise<unknown>>(), warned: false, after: undefined as After | undefined }));

/** Gives this module Next's `after()`; called by the entry point Next loads (instrumentation). */
export function provideAfter(after: After): void {
  state.after = after;
}

/** Keeps the request's function (or this process) alive until `task` settles; never throws, and leaves `task`'s errors to its owner. */
export function keepAliveUntilSettled(task: Promise<unknown>): void {
  // On the custom server after() could only throw (no request scope): skip it, a throw costs ~10 µs.
  if (!isCustomServer() && state.after && handedToHost(state.after, task)) return;
  const tracked: Promise<unknown> = task.then(
    () => state.pending.delete(tracked),
    () => state.pending.delete(tracked),
  );
  state.pending.add(tracked);
}

function handedToHost(after: After, task: Promise<unknown>): boolean {
  try {
    after(task);
    return true;
  } catch (error) {
    // Outside a request (a scheduler tick, start-up) there is no response to outlive: the process's own
    // life is all there is. Anything else means this host gives after() no waitUntil: say so once.
    if (!state.warned && !String((error as Error)?.message).includes('outside a request scope')) {
      state.warned = true;
      logger.warn('after() is not available on this host: work started by a request may be cut off when its answer is sent', { error });
    }
    return false;
  }
}

/** Resolves when the work tracked in this process has settled (graceful shutdown). */
export async function backgroundWorkSettled(): Promise<void> {
  while (state.pending.size) await Promise.allSettled([...state.pending]);
}
