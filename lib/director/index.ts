/**
 * The Director: `POST /api/execute/{plugin}` in one place (reference §3.2).
 *
 *   identity (the route's job: 401) → registry lookup (404) → JSON object body (400 INVALID_JSON)
 *   → server-side injection of app_id, user_id, _context, user_jwt, _entitlements (overwriting the client's)
 *   → role and plan gate (403) → per-user rate limit (429) → entitlements: the action's features
 *   (403 FEATURE_GATED) and limits, reserved before the run and refunded if it fails (429 LIMIT_EXCEEDED)
 *   → run with a deadline (504) → result mapping.
 *
 * A plugin's `{error, error_code}` result becomes a 4xx `{detail, error_code}`; a thrown error a 500
 * PLUGIN_ERROR without internals in production.
 */
import { z } from 'zod';
import type { Identity } from '@/lib/auth/identity';
import { getEnv } from '@/lib/env';
import { publish } from '@/lib/events';
import { ApiError, ERROR_STATUSES, isErrorCode } from '@/lib/errors';
import { usablePlugin } from '@/lib/plugins/access';
import { takeFromWindow } from '@/lib/http/rate-limit';
import { andThen } from '@/lib/runtime/awaitable';
import { invokePlugin } from '@/lib/plugins/invoke';
import { isSandboxed, runInSandbox } from '@/lib/plugins/sandbox';
import { enforceEntitlements, entitlementsApply, NO_ENTITLEMENTS, type EntitlementCheck } from '@/lib/subscriptions/entitlements';
import { getPlugin, type LoadedPlugin } from '@/lib/plugins/registry';
import type { PluginErrorResult } from '@/lib/plugins/sdk';
import { addStallWitness, isStalled, noteDuringStall } from '@/lib/runtime/event-loop';
import { logger } from '@/lib/runtime/logger';
import { isThenable } from '@/lib/runtime/thenable';
import { pluginContext } from './context';
import { atDeadline, pendingDeadlines, type Deadline, type Expiring } from './deadlines';

export { INJECTED_FIELDS } from '@/lib/plugins/invoke';

export interface ExecuteInput {
  /** The plugin as the caller looked it up (getPlugin; a plugin under test is not in the registry). */
  plugin: LoadedPlugin | undefined;
  pluginName: string;
  identity: Identity;
  body: unknown;
  /** The request's `x-correlation-id` (or a new one), forwarded by `ctx.connectors` on every platform call. */
  correlationId?: string;
}

/**
 * A plugin's `{error, error_code}` result as the caller's error: a code of the closed set keeps its
 * name and its status (lib/errors, the one table), except that a refusal is never a 5xx: a server
 * error's code answers 400. A code of the plugin's own becomes PLUGIN_REFUSED, carrying the plugin's
 * code, and is logged so the plugin's author sees it is not one clients can rely on.
 */
function refusal(pluginName: string, result: PluginErrorResult): ApiError {
  const code = result.error_code ?? 'BAD_REQUEST';
  if (isErrorCode(code)) return new ApiError(code, result.error, { status: ERROR_STATUSES[code] < 500 ? ERROR_STATUSES[code] : 400 });
  logger.warn('plugin refused a call with an error code outside the set; answered PLUGIN_REFUSED', { plugin: pluginName, error_code: code });
  return new ApiError('PLUGIN_REFUSED', result.error, { extra: { plugin_error_code: code } });
}

function isErrorResult(value: unknown): value is PluginErrorResult {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as PluginErrorResult).error === 'string';
}

/** Why a plugin's signal aborted; one instance each, as capturing a stack on every call costs more than the rest of it. */
const DEADLINE_PASSED = new Error('deadline');
const CALL_FINISHED = new Error('finished');

/** What the caller of a call past its deadline gets. */
function timedOut(): ApiError {
  return new ApiError('PLUGIN_TIMEOUT', `Plugin execution timed out after ${getEnv().pluginTimeoutSeconds} seconds`);
}

/** A thrown error as the caller sees it: 500 PLUGIN_ERROR, with the message only outside production. */
function pluginError(pluginName: string, identity: Identity, error: unknown): ApiError {
  logger.error('plugin failed', { plugin: pluginName, user_id: identity.user_id, error });
  const detail = getEnv().isProduction ? `Error executing plugin '${pluginName}'` : `Error executing plugin: ${(error as Error)?.message ?? String(error)}`;
  return new ApiError('PLUGIN_ERROR', detail, { status: 500 });
}

/**
 * The whole pipeline after authentication; resolves to the JSON to send, or rejects with an ApiError.
 *
 * Every plugin call takes this path, so it waits only where something must be read: the access
 * check and the entitlements answer from memory when they can (usablePlugin, entitlementsApply),
 * and the stages below chain on a promise only where one of them has to wait (andThen). A promise is
 * cheap alone, but Next's async-context tracking runs hooks on each one (and on each `await`): a
 * call used to make dozens, and as an async function awaiting its stages this one still made twice
 * what it needs.
 */
export function executePlugin(input: ExecuteInput): Promise<unknown> {
  try {
    return Promise.resolve(andThen(usablePlugin(input.identity, input.pluginName, input.plugin ?? getPlugin(input.pluginName)), (plugin) => admit(input, plugin)));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The gates past the access check (throwing their refusal), then entitlements, then the run. */
function admit({ pluginName, identity, body, correlationId }: ExecuteInput, plugin: LoadedPlugin): Promise<unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('INVALID_JSON', 'Invalid JSON payload: the body must be a JSON object');
  }
  if (getEnv().pluginRateLimits) {
    takeFromWindow(`plugin:${identity.app_id}:${identity.user_id}:${plugin.name}`, plugin.manifest.rate_limit.requests_per_minute, {
      detail: (retryAfter) => `Too many calls to ${plugin.name}; try again in ${retryAfter} s`,
    });
  }
  const fields = body as Record<string, unknown>;
  const call: Call = { plugin, pluginName, identity, correlationId, fields, action: typeof fields.action === 'string' ? fields.action : null };
  if (!entitlementsApply(identity, plugin)) return run(call, NO_ENTITLEMENTS);
  return enforceEntitlements(identity, plugin, call.action).then((entitlements) => run(call, entitlements));
}

/** An admitted call: the plugin, the caller and what the client sent. */
interface Call {
  plugin: LoadedPlugin;
  pluginName: string;
  identity: Identity;
  correlationId: string | undefined;
  fields: Record<string, unknown>;
  action: string | null;
}

/** Injects the server's fields, runs the plugin against its deadline and maps its result. */
function run(call: Call, entitlements: EntitlementCheck): Promise<unknown> {
  return new PluginRun(call, entitlements).answer();
}

/**
 * One admitted call through its plugin: the plugin raced against its deadline, and its outcome
 * mapped to the caller's answer. The caller gets its answer at the deadline, and the plugin's
 * signal aborts (also once the call is over, so work a plugin left running on it stops). A plugin
 * that holds the event loop (synchronous work) keeps the deadline's timer from running: its answer,
 * arriving after the deadline, is a 504 all the same.
 *
 * A class rather than closures: it is made on every plugin call, and one object with its methods on
 * the prototype replaced a dozen closures and their garbage. The same economy throughout: one
 * promise for the whole run (the outcome is mapped inside it, not in a `then` after), the signal
 * made on first use (most actions never look at it, and an AbortController with its event target
 * was a tenth of a call's cost), and a deadline on the shared timer (./deadlines.ts) only for a
 * call that did not answer at once.
 */
class PluginRun implements Expiring {
  readonly #call: Call;
  readonly #entitlements: EntitlementCheck;
  /** `performance.now()` at the start: the deadline counts from here, so time spent before the plugin's first await counts too. */
  readonly #started = performance.now();
  #controller: AbortController | undefined;
  #deadline: Deadline | undefined;
  #expired = false;
  #settled = false;
  #resolve: ((answer: unknown) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;

  constructor(call: Call, entitlements: EntitlementCheck) {
    this.#call = call;
    this.#entitlements = entitlements;
  }

  /** Resolves with the JSON to send, or rejects with what the caller sees (an ApiError or a ZodError). */
  answer(): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
      let pending: unknown;
      try {
        pending = this.#invoke();
      } catch (error) {
        return this.#finish(false, error);
      }
      if (!isThenable(pending)) return this.#finish(true, pending);
      this.#deadline = atDeadline(this.#started + getEnv().pluginTimeoutSeconds * 1000, this);
      pending.then(
        (value) => this.#finish(true, value),
        (error: unknown) => this.#finish(false, error),
      );
    });
  }

  /** The deadline passed (./deadlines.ts calls this): the caller gets its 504 now. */
  expire(): void {
    this.#expired = true;
    this.#finish(false, timedOut());
  }

  /** The call in a log line: which plugin, action and user, and how long it has run. */
  describe(now: number): Record<string, unknown> {
    const { pluginName, action, identity } = this.#call;
    return { plugin: pluginName, action, user_id: identity.user_id, running_ms: Math.round(now - this.#started) };
  }

  /** The call's AbortSignal, made on first use (the plugin's `ctx.signal`). */
  signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#expired) this.#controller.abort(DEADLINE_PASSED);
    }
    return this.#controller.signal;
  }

  /** The plugin's own code; its result or the promise of it. */
  #invoke(): unknown {
    const { plugin, identity, correlationId, fields } = this.#call;
    const ctx = pluginContext({ plugin, identity, signals: this, correlationId });
    if (plugin.module && !isSandboxed(plugin)) return invokePlugin({ name: plugin.name, module: plugin.module, fields, data: () => this.#data(), ctx });
    return runInSandbox({ plugin, identity, data: this.#data(), ctx, signal: this.signal() });
  }

  /** The call's data: what the client sent, the server's fields overwriting whatever it sent under their names. */
  #data(): Record<string, unknown> {
    const { identity, fields } = this.#call;
    // Object.assign, not a spread: `{...fields, app_id, …}` took about 9 µs on Node 20, assign under 1.
    const data: Record<string, unknown> = Object.assign({}, fields);
    data.app_id = identity.app_id;
    data.user_id = identity.user_id;
    data._context = {
      app_id: identity.app_id,
      user_id: identity.user_id,
      username: identity.username,
      roles: identity.roles,
      is_superadmin: identity.is_superadmin,
    };
    data.user_jwt = identity.user_jwt;
    data._entitlements = this.#entitlements.context;
    return data;
  }

  /** The outcome, once: a value (`ok`), or what was thrown, rejected with, or the timeout. */
  #finish(ok: boolean, outcome: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    // One clock read serves the execution time, the late check and the stall watch.
    const now = performance.now();
    if (!this.#expired) {
      this.#deadline?.cancel();
      if (now - this.#started > getEnv().pluginTimeoutSeconds * 1000) {
        this.#expired = true;
        this.#logLate(now);
        ok = false;
        outcome = timedOut();
      }
    }
    // Ended while the loop is blocked: it ran during the stall (and may be what blocks it).
    if (isStalled(now)) noteDuringStall(this.describe(now));
    if (this.#controller && !this.#controller.signal.aborted) this.#controller.abort(this.#expired ? DEADLINE_PASSED : CALL_FINISHED);
    try {
      this.#resolve!(ok ? this.#answered(outcome, now) : this.#failed(outcome, now));
    } catch (error) {
      this.#reject!(error);
    }
  }

  #logLate(now: number): void {
    const { pluginName, action, identity } = this.#call;
    logger.warn('plugin answered after its deadline: answered 504 instead; CPU-heavy plugin code belongs in the sandbox or a worker', {
      plugin: pluginName,
      action,
      user_id: identity.user_id,
      execution_time: this.#elapsed(now),
      timeout_seconds: getEnv().pluginTimeoutSeconds,
    });
  }

  #elapsed(now: number): number {
    return Math.round((now - this.#started) * 10) / 10;
  }

  #answered(result: unknown, now: number): unknown {
    const { identity, pluginName, action } = this.#call;
    publish('plugin_executed', { app_id: identity.app_id, plugin: pluginName, user: identity.user_id, action, execution_time: this.#elapsed(now) }, { appId: identity.app_id, userId: identity.user_id });
    if (!isErrorResult(result)) return result ?? null;
    const refused = refusal(pluginName, result);
    // A refused call spends nothing.
    return this.#entitlements.refund().then(() => Promise.reject(refused));
  }

  #failed(error: unknown, now: number): Promise<never> {
    const { identity, pluginName, action } = this.#call;
    const executionTime = this.#elapsed(now);
    return this.#entitlements.refund().then(() => {
      const failure = error instanceof ApiError || error instanceof z.ZodError ? error : pluginError(pluginName, identity, error);
      if (!(failure instanceof z.ZodError) && failure.status >= 500) {
        publish(
          'plugin_execution_error',
          { app_id: identity.app_id, plugin: pluginName, user: identity.user_id, action, error: failure.detail, error_code: failure.errorCode, execution_time: executionTime },
          { appId: identity.app_id, userId: identity.user_id },
        );
      }
      throw failure;
    });
  }
}

/** The plugin calls in flight (those waiting on their deadline), named in the event-loop monitor's stall log. */
addStallWitness(() => {
  const now = performance.now();
  const runs: Record<string, unknown>[] = [];
  for (const owner of pendingDeadlines()) if (owner instanceof PluginRun) runs.push(owner.describe(now));
  return runs;
});
