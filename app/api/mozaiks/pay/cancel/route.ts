// POST /api/mozaiks/pay/cancel — cancel a subscription through the payment connector; answers {ok}
import { cancelRequest, connectorsFor } from '@/lib/connectors';
import { PAY_WRITE_LIMIT, paymentTarget } from '@/lib/connectors/pay-routes';
import { methods, readJson, route } from '@/lib/http';
import { z } from 'zod';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ rateLimit: PAY_WRITE_LIMIT }, async ({ request, identity, correlationId }) => {
    const body = await readJson(request, z.record(z.string(), z.unknown()));
    const input = cancelRequest.parse(paymentTarget(body, identity));
    const result = await connectorsFor(identity, correlationId).payment.cancel(input);
    // The original's shape: {ok}; we add why it did not happen.
    return result.ok ? { ok: true } : { ok: false, unavailableReason: result.reason };
  }),
});
