/**
 * Payment (reference §9, the one connector the original implemented): checkout, subscription status
 * and cancel, for the platform's own subscription (`scope: "platform"`) or this app's (`scope: "app"`).
 * The gateway's API is `/api/mozaiks/pay/{checkout, subscription-status, cancel}`; field names are the
 * original's camelCase.
 */
import { z } from 'zod';
import type { ConnectorBinding } from '../binding';
import type { GatewayClient } from '../client';
import { reasonFor, type UnavailableReason } from '../results';

export const paymentScope = z.enum(['platform', 'app'], { error: 'Invalid scope (expected platform|app)' });
export type PaymentScope = z.output<typeof paymentScope>;

export const checkoutRequest = z.object({
  scope: paymentScope.default('platform'),
  appId: z.string().min(1).max(100).nullish(),
  plan: z.string().min(1).max(100).nullish(),
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type CheckoutRequest = z.output<typeof checkoutRequest>;

export const cancelRequest = z.object({ scope: paymentScope.default('platform'), appId: z.string().min(1).max(100).nullish() });
export type CancelRequest = z.output<typeof cancelRequest>;

export const checkoutResponseSchema = z.looseObject({ checkoutUrl: z.url(), sessionId: z.string().min(1) });

export const paymentStatusSchema = z.looseObject({
  scope: paymentScope,
  appId: z.string().nullable(),
  active: z.boolean(),
  status: z.string(),
  plan: z.string().nullable(),
  currentPeriodEnd: z.string().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  unavailableReason: z.string().nullable(),
});
export type PaymentStatus = z.output<typeof paymentStatusSchema>;

/** The gateway's status body: the original's models had defaults for everything but `active` and `status`. */
const gatewayStatusSchema = z.looseObject({
  scope: paymentScope.optional(),
  appId: z.string().nullish(),
  active: z.boolean(),
  status: z.string(),
  plan: z.string().nullish(),
  currentPeriodEnd: z.string().nullish(),
  cancelAtPeriodEnd: z.boolean().default(false),
  unavailableReason: z.string().nullish(),
});

export const okSchema = z.looseObject({ ok: z.boolean() });

export type CheckoutResult = { ok: true; checkoutUrl: string; sessionId: string } | { ok: false; reason: UnavailableReason };
export type CancelResult = { ok: true } | { ok: false; reason: UnavailableReason };

export interface PaymentConnector {
  /** Starts a checkout; sent once (a repeated checkout could charge twice). */
  checkout(input: z.input<typeof checkoutRequest>): Promise<CheckoutResult>;
  /** Never fails: when the gateway does, `{active: false, status: "unavailable", unavailableReason}`. */
  subscriptionStatus(input: { scope: PaymentScope; appId?: string | null }): Promise<PaymentStatus>;
  /** Sent once. */
  cancel(input: z.input<typeof cancelRequest>): Promise<CancelResult>;
}

export function unavailableStatus(scope: PaymentScope, appId: string | null, reason: UnavailableReason): PaymentStatus {
  return { scope, appId, active: false, status: 'unavailable', plan: null, currentPeriodEnd: null, cancelAtPeriodEnd: false, unavailableReason: reason };
}

export function managedPayment(client: GatewayClient, { caller }: ConnectorBinding): PaymentConnector {
  return {
    async checkout(input) {
      const body = checkoutRequest.parse(input);
      const result = await client.request({ method: 'POST', path: '/api/mozaiks/pay/checkout', body, idempotent: false, schema: checkoutResponseSchema }, caller);
      return result.ok ? { ok: true, checkoutUrl: result.data.checkoutUrl, sessionId: result.data.sessionId } : { ok: false, reason: reasonFor(result.failure) };
    },
    async subscriptionStatus({ scope, appId = null }) {
      const result = await client.request(
        { method: 'GET', path: '/api/mozaiks/pay/subscription-status', query: { scope, appId: appId ?? undefined }, idempotent: true, schema: gatewayStatusSchema },
        caller,
      );
      if (!result.ok) return unavailableStatus(scope, appId, reasonFor(result.failure));
      const status = result.data;
      return {
        ...status,
        scope: status.scope ?? scope,
        appId: status.appId ?? appId,
        plan: status.plan ?? null,
        currentPeriodEnd: status.currentPeriodEnd ?? null,
        unavailableReason: status.unavailableReason ?? null,
      };
    },
    async cancel(input) {
      const body = cancelRequest.parse(input);
      const result = await client.request({ method: 'POST', path: '/api/mozaiks/pay/cancel', body, idempotent: false, schema: okSchema }, caller);
      if (!result.ok) return { ok: false, reason: reasonFor(result.failure) };
      return result.data.ok ? { ok: true } : { ok: false, reason: 'gateway_error' };
    },
  };
}
