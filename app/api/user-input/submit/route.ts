// POST /api/user-input/submit — the user's answer to an input request (an approval, or a tool's question)
import { z } from 'zod';
import { submitInput } from '@/lib/ai';
import { methods, readJson, route } from '@/lib/http';

const body = z.object({
  input_request_id: z.string({ error: 'input_request_id is required' }).trim().min(1, 'input_request_id is required').max(200),
  user_input: z.string().max(20_000).optional(),
  decision: z.enum(['approve', 'deny'], { error: 'decision must be "approve" or "deny"' }).optional(),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, async ({ request, identity }) => {
    const input = await readJson(request, body);
    await submitInput({ identity, inputRequestId: input.input_request_id, text: input.user_input, decision: input.decision });
    return { status: 'success', message: 'User input submitted successfully' };
  }),
});
