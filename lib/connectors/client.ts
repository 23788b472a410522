/**
 * The HTTP client every managed connector uses to reach the platform gateway. It never throws for a
 * gateway problem: each call resolves to `{ ok: true, data }` (the body, validated by the caller's zod
 * schema) or `{ ok: false, failure }` naming what went wrong, so a connector can only answer with a
 * value it chose for that case.
 *
 * Reads are retried (429, 5xx, network errors) with exponential backoff and full jitter; writes are
 * sent once, because a checkout or a post repeated after a lost response would happen twice.
 */
import type { z } from 'zod';
import { logger } from '@/lib/runtime/logger';

/** Why a gateway call produced no usable answer. */
export type GatewayFailure =
  /** No TCP connection, reset, DNS failure: the gateway is down or unreachable. */
  | { kind: 'unreachable'; attempts: number }
  /** No answer within the timeout. */
  | { kind: 'timeout'; attempts: number }
  /** The gateway answered with a status other than 2xx. */
  | { kind: 'status'; status: number; attempts: number }
  /** A 2xx whose body is not JSON or not what the schema expects. */
  | { kind: 'malformed'; attempts: number };

export type GatewayResult<T> = { ok: true; data: T } | { ok: false; failure: GatewayFailure };

/** Who the call is made for; each request carries these as headers. */
export interface GatewayCaller {
  /** The caller's own token, forwarded as `Authorization: Bearer …`; null for calls without a user. */
  userJwt: string | null;
  /** Sent as `x-correlation-id` so one action can be followed across services. */
  correlationId: string;
}

export interface GatewayRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path below the gateway's base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /**
   * Whether repeating the call is harmless. Only idempotent calls are retried; GETs are by nature,
   * a PUT that sets a value may say so, a POST that creates something must not.
   */
  idempotent: boolean;
  /** The expected 2xx body; anything else is a `malformed` failure. */
  schema: S;
}

export interface GatewayClientOptions {
  baseUrl: string;
  /** Sent as `x-mozaiks-app-key`. */
  apiKey?: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Extra attempts for idempotent calls. */
  retries: number;
  /** First backoff delay; each retry doubles it up to `maxDelayMs`, and the wait is a random fraction of it (full jitter). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** For tests that need the jitter predictable. */
  random?: () => number;
}

export const DEFAULT_BASE_DELAY_MS = 250;
export const DEFAULT_MAX_DELAY_MS = 2_000;

export interface GatewayClient {
  readonly baseUrl: string;
  request<S extends z.ZodType>(request: GatewayRequest<S>, caller: GatewayCaller): Promise<GatewayResult<z.output<S>>>;
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `Retry-After` in seconds (the only form gateways here send), capped so a hostile value cannot stall a request. */
function retryAfterMs(response: Response, maxDelayMs: number): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value >= 0 ? Math.min(value * 1000, maxDelayMs) : undefined;
}

function buildUrl(baseUrl: string, path: string, query: GatewayRequest<z.ZodType>['query']): string {
  const url = new URL(`${baseUrl}${path}`);
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const random = options.random ?? Math.random;
  const backoff = (retry: number) => Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));

  async function attempt(url: string, init: RequestInit): Promise<{ response: Response; text: string } | { error: 'timeout' | 'unreachable' }> {
    try {
      // The timeout covers the body too: a gateway that sends headers and then stalls must not hold the caller.
      const signal = AbortSignal.timeout(options.timeoutMs);
      const response = await fetch(url, { ...init, signal });
      return { response, text: await response.text() };
    } catch (error) {
      const name = (error as Error)?.name;
      return { error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable' };
    }
  }

  return {
    baseUrl: options.baseUrl,
    async request(request, caller) {
      const url = buildUrl(options.baseUrl, request.path, request.query);
      const headers: Record<string, string> = { accept: 'application/json', 'x-correlation-id': caller.correlationId };
      if (caller.userJwt) headers.authorization = `Bearer ${caller.userJwt}`;
      if (options.apiKey) headers['x-mozaiks-app-key'] = options.apiKey;
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      const init: RequestInit = { method: request.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) };
      const maxAttempts = request.idempotent ? options.retries + 1 : 1;

      let failure: GatewayFailure = { kind: 'unreachable', attempts: 0 };
      for (let attempts = 1; attempts <= maxAttempts; attempts++) {
        const outcome = await attempt(url, init);
        let wait: number | undefined;
        if ('error' in outcome) {
          failure = { kind: outcome.error, attempts };
          // A timeout has already spent the caller's whole budget for this attempt; waiting it out again would double the delay.
          if (outcome.error === 'timeout') break;
        } else if (outcome.response.ok) {
          let body: unknown;
          try {
            body = outcome.text === '' ? {} : JSON.parse(outcome.text);
          } catch {
            failure = { kind: 'malformed', attempts };
            break;
          }
          const parsed = request.schema.safeParse(body);
          if (parsed.success) return { ok: true, data: parsed.data };
          failure = { kind: 'malformed', attempts };
          break;
        } else {
          failure = { kind: 'status', status: outcome.response.status, attempts };
          if (!isRetryableStatus(outcome.response.status)) break;
          wait = retryAfterMs(outcome.response, maxDelayMs);
        }
        if (attempts < maxAttempts) await new Promise((resolve) => setTimeout(resolve, wait ?? backoff(attempts - 1)));
      }
      logger.warn('connector.gateway_failed', {
        method: request.method,
        path: request.path,
        correlation_id: caller.correlationId,
        ...failure,
      });
      return { ok: false, failure };
    },
  };
}
