/**
 * Subscriptions and billing: a user's own plan (MONETIZATION=1), the core Billing API platform
 * services call, the control plane's sync, and the payment proxy (`/api/mozaiks/pay/*`).
 */
import { z } from 'zod';
import { subscriptionConfigSchema } from '@/lib/config/schemas/subscription';
import {
  cancelRequest,
  checkoutRequest,
  checkoutResponseSchema,
  connectorsFor,
  featureAccessInput,
  featureAccessSchema,
  paymentScope,
  paymentStatusSchema,
  subscriptionStatusSchema,
  usageSchema,
} from '@/lib/connectors';
import { userIdParam, userNotFound } from '@/lib/connectors/core/api';
import { billingSubscriptionStatus, featureAccess, usageOf } from '@/lib/connectors/core/billing';
import { unavailableReason } from '@/lib/connectors/results';
import { checkoutUnavailable, PAY_STATUS_LIMIT, PAY_WRITE_LIMIT, paymentTarget } from '@/lib/connectors/pay-routes';
import { getConfigs } from '@/lib/config';
import {
  assertSubscriptionsEnabled,
  cancelOwnPlan,
  changeOwnPlan,
  SUBSCRIPTION_STATUSES,
  subscriptionSyncInput,
  syncSubscription,
  userSubscription,
} from '@/lib/subscriptions';
import { endpoint } from '../endpoint';

// ---- The signed-in user's own plan ----

const ownPlan = ['Subscriptions'];

export const listSubscriptionPlans = endpoint({
  method: 'GET',
  path: '/api/subscription-plans',
  tags: ownPlan,
  summary: 'The plans of subscription_config.json (MONETIZATION=1; signed-in users only, unlike the original)',
  output: subscriptionConfigSchema,
  errors: ['NOT_FOUND'],
  handler: () => {
    assertSubscriptionsEnabled();
    return getConfigs().subscription;
  },
});

export const getOwnSubscription = endpoint({
  method: 'GET',
  path: '/api/user-subscription',
  tags: ownPlan,
  summary: "The signed-in user's plan, status and trial",
  output: z.object({
    user_id: z.string(),
    plan: z.string().describe('The plan that decides access now: the default plan after a trial ends or a cancellation'),
    status: z.enum(SUBSCRIPTION_STATUSES).describe('`inactive` when there is no subscription, or its trial has ended'),
    billing_cycle: z.string().nullable(),
    next_billing_date: z.iso.datetime().nullable(),
    updated_at: z.iso.datetime().nullable(),
    is_trial: z.boolean(),
    trial_info: z.object({ days_remaining: z.number().int().nonnegative(), end_date: z.iso.datetime() }).nullable(),
  }),
  errors: ['NOT_FOUND'],
  handler: ({ identity }) => {
    assertSubscriptionsEnabled();
    return userSubscription(identity.app_id, identity.user_id);
  },
});

export const changeOwnSubscription = endpoint({
  method: 'POST',
  path: '/api/update-subscription',
  tags: ownPlan,
  summary: 'Change one’s own plan (only with ALLOW_LOCAL_SUBSCRIPTION_WRITES=true)',
  body: z.object({ new_plan: z.string({ error: 'New plan is required' }).trim().min(1, 'New plan is required') }),
  output: z.object({ message: z.string(), new_plan: z.string().describe('The plan’s name as configured') }),
  // INVALID_PLAN carries `plans`, the names there are.
  errors: ['NOT_FOUND', 'SUBSCRIPTION_WRITE_FORBIDDEN', 'INVALID_PLAN'],
  handler: ({ identity, body }) => {
    assertSubscriptionsEnabled();
    return changeOwnPlan(identity.app_id, identity.user_id, body.new_plan);
  },
});

export const cancelOwnSubscription = endpoint({
  method: 'POST',
  path: '/api/cancel-subscription',
  tags: ownPlan,
  summary: 'Cancel one’s own plan (only with ALLOW_LOCAL_SUBSCRIPTION_WRITES=true)',
  output: z.object({ message: z.string() }),
  errors: ['NOT_FOUND', 'SUBSCRIPTION_WRITE_FORBIDDEN'],
  handler: ({ identity }) => {
    assertSubscriptionsEnabled();
    return cancelOwnPlan(identity.app_id, identity.user_id);
  },
});

export const syncSubscriptionFromControlPlane = endpoint({
  method: 'POST',
  path: '/api/internal/subscription/sync',
  tags: ownPlan,
  summary: "The control plane sets a user's plan (internal-service identities only)",
  // Not even a superadmin: plans change only where billing happens (a service account, or INTERNAL_API_KEY).
  auth: 'internal',
  body: subscriptionSyncInput.describe(
    '`user_id`, `plan`, `status` (one of ' +
      SUBSCRIPTION_STATUSES.join(', ') +
      '), and optionally `billing_cycle`, `next_billing_date`, `trial_end_date` (ISO 8601), `external_subscription_id` (or `stripe_subscription_id`), `app_id`; camelCase names are accepted too',
  ),
  output: z.object({ success: z.literal(true), user_id: z.string(), plan: z.string(), status: z.enum(SUBSCRIPTION_STATUSES) }),
  // VALIDATION_ERROR at 400: the body's app id is another app's.
  errors: [['VALIDATION_ERROR', 400], 'INVALID_PLAN', 'NOT_FOUND'],
  handler: ({ identity, body }) => syncSubscription(identity.app_id, body),
});

// ---- The core Billing API (internal services) ----

const billing = ['Billing'];

export const getBillingSubscriptionStatus = endpoint({
  method: 'GET',
  path: '/api/billing/subscription-status/{user_id}',
  tags: billing,
  summary: "A user's plan and whether it is in force (internal-service identities only)",
  auth: 'internal',
  params: userIdParam,
  output: subscriptionStatusSchema,
  errors: ['NOT_FOUND'],
  handler: async ({ identity, params }) => {
    const found = await billingSubscriptionStatus(identity.app_id, params.user_id);
    if (!found) throw userNotFound(params.user_id);
    return found;
  },
});

export const checkFeatureAccess = endpoint({
  method: 'POST',
  path: '/api/billing/feature-access',
  tags: billing,
  summary: 'Whether a user may use a plugin, or one of its features (internal-service identities only)',
  auth: 'internal',
  body: featureAccessInput,
  output: featureAccessSchema,
  handler: ({ identity, body }) => featureAccess(identity.app_id, body),
});

export const getBillingUsage = endpoint({
  method: 'GET',
  path: '/api/billing/usage/{user_id}',
  tags: billing,
  summary: 'What a user used of each metered plugin limit this period (internal-service identities only)',
  auth: 'internal',
  params: userIdParam,
  output: usageSchema,
  errors: ['NOT_FOUND'],
  handler: async ({ identity, params }) => {
    const found = await usageOf(identity.app_id, params.user_id);
    if (!found) throw userNotFound(params.user_id);
    return found;
  },
});

// ---- The payment proxy: the browser asks this app, this app asks the payment connector ----

const payment = ['Payment'];

/**
 * The scope and app a payment call is about. Read as they come and checked by paymentTarget, which
 * answers the original's 400 INVALID_SCOPE / APP_ID_REQUIRED and 403 rather than a 422; the schema
 * the reference shows is paymentScope's.
 */
const appIdDescription = "This app's id; required with `scope: \"app\"`, and no other app's";
const targetFields = {
  scope: z
    .unknown()
    .optional()
    .meta({ type: 'string', enum: paymentScope.options, default: 'platform', description: "Whose subscription: the platform's or this app's (`app`, with `appId`)" }),
  appId: z.string().max(100).nullish().describe(appIdDescription),
};

const payErrors = ['INVALID_SCOPE', 'APP_ID_REQUIRED', 'FORBIDDEN'] as const;

export const startCheckout = endpoint({
  method: 'POST',
  path: '/api/mozaiks/pay/checkout',
  tags: payment,
  summary: 'Start a checkout through the payment connector (the reference’s payment proxy)',
  rateLimit: PAY_WRITE_LIMIT,
  // The connector's request (checkoutRequest) is built once the target is known.
  body: z.looseObject({ ...targetFields, plan: checkoutRequest.shape.plan, metadata: checkoutRequest.shape.metadata }),
  output: checkoutResponseSchema,
  errors: [
    ...payErrors,
    ['PAYMENTS_UNAVAILABLE', 501],
    // With Retry-After; `reason` says how the gateway failed.
    'PAYMENTS_UNAVAILABLE',
  ],
  handler: async ({ identity, correlationId, body }) => {
    const { scope, appId } = paymentTarget(body, identity);
    const input = checkoutRequest.parse({ ...body, scope, appId });
    const result = await connectorsFor(identity, correlationId).payment.checkout(input);
    if (!result.ok) throw checkoutUnavailable(result.reason);
    return { checkoutUrl: result.checkoutUrl, sessionId: result.sessionId };
  },
});

export const getPaymentSubscriptionStatus = endpoint({
  method: 'GET',
  path: '/api/mozaiks/pay/subscription-status',
  tags: payment,
  summary: 'The subscription as the payment connector reports it; a failing gateway is `status: "unavailable"`, not an error',
  rateLimit: PAY_STATUS_LIMIT,
  query: z.looseObject({ ...targetFields, appId: z.string().max(100).optional().describe(appIdDescription) }),
  output: paymentStatusSchema,
  errors: [...payErrors],
  // Never an error past the target's checks: a failing gateway is reported as {active: false, status: "unavailable", unavailableReason}.
  handler: ({ identity, correlationId, query }) => connectorsFor(identity, correlationId).payment.subscriptionStatus(paymentTarget(query, identity)),
});

export const cancelPaymentSubscription = endpoint({
  method: 'POST',
  path: '/api/mozaiks/pay/cancel',
  tags: payment,
  summary: 'Cancel a subscription through the payment connector; answers {ok}',
  rateLimit: PAY_WRITE_LIMIT,
  body: z.looseObject(targetFields),
  // The original's shape: {ok}; we add why it did not happen.
  output: z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), unavailableReason: unavailableReason.describe('Why nothing was canceled') })]),
  errors: [...payErrors],
  handler: async ({ identity, correlationId, body }) => {
    const result = await connectorsFor(identity, correlationId).payment.cancel(cancelRequest.parse(paymentTarget(body, identity)));
    return result.ok ? { ok: true as const } : { ok: false as const, unavailableReason: result.reason };
  },
});
