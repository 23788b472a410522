// POST /chat/[app_id]/[chat_id]/[user_id]/input — the user's message to a chat's workflow
import { z } from 'zod';
import { assertOwnApp, assertOwnUser, MAX_MESSAGE_LENGTH, sendMessage } from '@/lib/ai';
import { methods, readJson, route } from '@/lib/http';

const body = z.object({
  message: z.string({ error: 'message is required' }).max(MAX_MESSAGE_LENGTH, `A message may be at most ${MAX_MESSAGE_LENGTH} characters`),
  workflow_name: z.string().optional(),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<{ app_id: string; chat_id: string; user_id: string }>({ rateLimit: { name: 'chat-input', perMinute: 120 } }, async ({ request, params, identity, correlationId }) => {
    assertOwnApp(identity, params.app_id);
    assertOwnUser(identity, params.user_id);
    const { message } = await readJson(request, body);
    await sendMessage({ identity, chatId: params.chat_id, text: message, correlationId });
    return { status: 'Message received and is being processed.', transport: 'socket.io' };
  }),
});
