// GET /api/mozaiks/pay/subscription-status?scope=platform|app&appId= — the subscription as the payment connector reports it
import { connectorsFor } from '@/lib/connectors';
import { PAY_STATUS_LIMIT, paymentTarget } from '@/lib/connectors/pay-routes';
import { methods, readQuery, route } from '@/lib/http';
import { z } from 'zod';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ rateLimit: PAY_STATUS_LIMIT }, async ({ request, identity, correlationId }) => {
    const target = paymentTarget(readQuery(request, z.record(z.string(), z.string())), identity);
    // Never an error: a failing gateway is reported as {active: false, status: "unavailable", unavailableReason}.
    return connectorsFor(identity, correlationId).payment.subscriptionStatus(target);
  }),
});
