// GET /api/chats/meta/[app_id]/[workflow_name]/[chat_id] — a chat's state, last sequence and open questions
import { assertOwnApp, getChatMeta } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ app_id: string; workflow_name: string; chat_id: string }>({}, async ({ params, identity }) => {
    assertOwnApp(identity, params.app_id);
    return (await getChatMeta(identity, params.chat_id, params.workflow_name)) ?? { exists: false };
  }),
});
