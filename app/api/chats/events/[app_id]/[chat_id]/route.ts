// GET /api/chats/events/[app_id]/[chat_id]?after_sequence=-1 — a chat's events after a sequence number (the transcript)
import { z } from 'zod';
import { assertOwnApp, getChatEvents } from '@/lib/ai';
import { methods, readQuery, route } from '@/lib/http';

const query = z.object({ after_sequence: z.coerce.number({ error: 'after_sequence must be a number' }).int().min(-1).default(-1) });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ app_id: string; chat_id: string }>({}, async ({ request, params, identity }) => {
    assertOwnApp(identity, params.app_id);
    return getChatEvents(identity, params.chat_id, readQuery(request, query).after_sequence);
  }),
});
