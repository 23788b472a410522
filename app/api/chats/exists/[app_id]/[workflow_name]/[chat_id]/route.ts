// GET /api/chats/exists/[app_id]/[workflow_name]/[chat_id] — whether the caller has this chat
import { assertOwnApp, getChatMeta } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ app_id: string; workflow_name: string; chat_id: string }>({}, async ({ params, identity }) => {
    assertOwnApp(identity, params.app_id);
    return { exists: (await getChatMeta(identity, params.chat_id, params.workflow_name)) !== null };
  }),
});
