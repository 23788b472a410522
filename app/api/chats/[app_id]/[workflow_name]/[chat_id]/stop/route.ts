// POST /api/chats/[app_id]/[workflow_name]/[chat_id]/stop — stop the chat's run, aborting its model call
import { assertOwnApp, stopChat } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<{ app_id: string; workflow_name: string; chat_id: string }>({}, async ({ params, identity }) => {
    assertOwnApp(identity, params.app_id);
    return { status: await stopChat({ identity, chatId: params.chat_id }) };
  }),
});
