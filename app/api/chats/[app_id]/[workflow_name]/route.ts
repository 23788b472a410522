// GET /api/chats/[app_id]/[workflow_name] — the caller's 20 most recent chats of a workflow
import { assertOwnApp, listChatIds, requireWorkflow } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ app_id: string; workflow_name: string }>({}, async ({ params, identity }) => {
    assertOwnApp(identity, params.app_id);
    requireWorkflow(params.workflow_name);
    return { chat_ids: await listChatIds(identity, params.workflow_name) };
  }),
});
