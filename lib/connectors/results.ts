/**
 * The values connectors answer with when a service has nothing to give: the app is self-hosted, or the
 * gateway failed. Plugins branch on `available` (and `reason`), never on an exception.
 */
import { z } from 'zod';
import type { GatewayFailure } from './client';

export const UNAVAILABLE_REASONS = [
  /** The app is self-hosted and this platform service has no local counterpart. */
  'self_hosted',
  /** The gateway could not be reached (connection refused, reset, DNS). */
  'gateway_unreachable',
  /** The gateway did not answer in time. */
  'gateway_timeout',
  /** The caller may not see or change this (the gateway answered 401/403, or, self-hosted, it is another user's and the caller is no superadmin). */
  'forbidden',
  /** The gateway answered with another error status. */
  'gateway_error',
  /** The gateway answered 2xx with a body that is not what its API promises. */
  'invalid_response',
] as const;

export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];
export const unavailableReason = z.enum(UNAVAILABLE_REASONS);

/** A connector's answer when the service has nothing to give. */
export interface Unavailable {
  available: false;
  reason: UnavailableReason;
}

/**
 * Either the service's data (with `available: true`) or why there is none: narrow on `available` before reading.
 * `sample: true` marks made-up sample data (MOZAIKS_CONNECTORS, see ./mode.ts): pages must say so.
 */
export type Availability<T> = ({ available: true; sample?: true } & T) | Unavailable;

/** The answer to a write (checkout, cancel, a post): done, or why not. Writes are never retried. `sample: true`: nothing was stored anywhere. */
export type WriteResult<T = object> = ({ ok: true; sample?: true } & T) | { ok: false; reason: UnavailableReason };

export const SELF_HOSTED: Unavailable = { available: false, reason: 'self_hosted' };

export function reasonFor(failure: GatewayFailure): UnavailableReason {
  switch (failure.kind) {
    case 'unreachable':
      return 'gateway_unreachable';
    case 'timeout':
      return 'gateway_timeout';
    case 'status':
      return failure.status === 401 || failure.status === 403 ? 'forbidden' : 'gateway_error';
    case 'malformed':
      return 'invalid_response';
  }
}

export function unavailable(failure: GatewayFailure): Unavailable {
  return { available: false, reason: reasonFor(failure) };
}

export const FORBIDDEN: Unavailable = { available: false, reason: 'forbidden' };
