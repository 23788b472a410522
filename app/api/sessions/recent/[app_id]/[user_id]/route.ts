// GET /api/sessions/recent/[app_id]/[user_id] — the caller's most recently active chat in progress
import { assertOwnApp, assertOwnUser, listSessions } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ app_id: string; user_id: string }>({}, async ({ params, identity }) => {
    assertOwnApp(identity, params.app_id);
    assertOwnUser(identity, params.user_id);
    const [recent] = await listSessions(identity, { limit: 1 });
    if (!recent) return { found: false, chat_id: null, workflow_name: null };
    return { found: true, chat_id: recent.chat_id, workflow_name: recent.workflow_name, created_at: recent.created_at, last_updated_at: recent.last_updated_at, last_artifact: recent.last_artifact };
  }),
});
