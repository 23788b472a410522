// POST /api/chats/[app_id]/[workflow_name]/start — start a chat of a workflow (or reuse a recent one)
import { z } from 'zod';
import { assertOwnApp, startChat } from '@/lib/ai';
import { ApiError, methods, readJson, route } from '@/lib/http';

const body = z.object({
  /** Must be the caller's own, when given (the reference accepts it). */
  user_id: z.string().optional(),
  /** The same id twice returns the same chat. */
  client_request_id: z.string().trim().min(1).max(200).optional(),
  force_new: z.union([z.boolean(), z.enum(['true', 'false'])]).default(false).transform((value) => value === true || value === 'true'),
  /** The user's first message, sent at once. */
  initial_message: z.string().trim().min(1).max(20_000).optional(),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<{ app_id: string; workflow_name: string }>({ rateLimit: { name: 'chat-start', perMinute: 60 } }, async ({ request, params, identity, correlationId }) => {
    assertOwnApp(identity, params.app_id);
    const input = await readJson(request, body, { allowEmpty: true });
    if (input.user_id !== undefined && input.user_id !== identity.user_id) throw new ApiError('FORBIDDEN', 'user_id in request body does not match authenticated user');
    return startChat({ identity, workflowName: params.workflow_name, clientRequestId: input.client_request_id, forceNew: input.force_new, initialMessage: input.initial_message, correlationId });
  }),
});
