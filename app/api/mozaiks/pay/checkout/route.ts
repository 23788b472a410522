// POST /api/mozaiks/pay/checkout — start a checkout through the payment connector (the reference's payment proxy)
import { checkoutRequest, connectorsFor } from '@/lib/connectors';
import { checkoutUnavailable, PAY_WRITE_LIMIT, paymentTarget } from '@/lib/connectors/pay-routes';
import { methods, readJson, route } from '@/lib/http';
import { z } from 'zod';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ rateLimit: PAY_WRITE_LIMIT }, async ({ request, identity, correlationId }) => {
    const body = await readJson(request, z.record(z.string(), z.unknown()));
    const { scope, appId } = paymentTarget(body, identity);
    const input = checkoutRequest.parse({ ...body, scope, appId });
    const payment = connectorsFor(identity, correlationId).payment;
    const result = await payment.checkout(input);
    if (!result.ok) throw checkoutUnavailable(result.reason);
    return { checkoutUrl: result.checkoutUrl, sessionId: result.sessionId };
  }),
});
