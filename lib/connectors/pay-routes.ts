/**
 * The payment proxy routes of the reference (`/api/mozaiks/pay/*`): the browser asks this app, this
 * app asks the payment connector with the user's token. Their checks keep the original's statuses and
 * words; their rate limits are per user (the original counted per client address).
 */
import { z } from 'zod';
import type { Identity } from '@/lib/auth/identity';
import { ApiError } from '@/lib/errors';
import type { UnavailableReason } from './results';
import { paymentScope, type PaymentScope } from './services/payment';

/** Calls one user may make per minute: checkout and cancel share one allowance, status has its own. */
export const PAY_WRITE_LIMIT = { name: 'mozaiks-pay-write', perMinute: 30 };
export const PAY_STATUS_LIMIT = { name: 'mozaiks-pay-status', perMinute: 60 };

const target = z.object({ scope: z.unknown().optional(), appId: z.string().max(100).nullish() }).loose();

/** The scope and app a payment call is about; refuses another app's id (403) and `scope=app` without one (400). */
export function paymentTarget(input: unknown, identity: Identity): { scope: PaymentScope; appId: string | null } {
  const { scope: rawScope, appId } = target.parse(input);
  const scope = paymentScope.safeParse(rawScope ?? 'platform');
  if (!scope.success) throw new ApiError('INVALID_SCOPE', 'Invalid scope (expected platform|app)', { status: 400 });
  if (appId && appId !== identity.app_id) throw new ApiError('FORBIDDEN', 'Invalid appId');
  if (scope.data === 'app' && !appId) throw new ApiError('APP_ID_REQUIRED', 'appId is required for scope=app', { status: 400 });
  return { scope: scope.data, appId: appId ?? null };
}

/** A checkout that did not happen: 501 when the app is self-hosted (there is no payment provider), else 503 (try again). */
export function checkoutUnavailable(reason: UnavailableReason): ApiError {
  if (reason === 'self_hosted') {
    return new ApiError('PAYMENTS_UNAVAILABLE', 'Payments go through the Mozaiks platform, and this app is self-hosted (MOZAIKS_MANAGED=0)', { status: 501, extra: { reason } });
  }
  return new ApiError('PAYMENTS_UNAVAILABLE', 'The payment service is unavailable; try again shortly', { status: 503, extra: { reason }, headers: { 'Retry-After': '5' } });
}
