// GET /api/sessions/list/[app_id]/[user_id] — the caller's chats in progress, most recently active first (?all=true: ended ones too)
import { z } from 'zod';
import { assertOwnApp, assertOwnUser, listSessions } from '@/lib/ai';
import { methods, readQuery, route } from '@/lib/http';

const query = z.object({ all: z.enum(['true', 'false']).default('false').transform((value) => value === 'true') });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ app_id: string; user_id: string }>({}, async ({ request, params, identity }) => {
    assertOwnApp(identity, params.app_id);
    assertOwnUser(identity, params.user_id);
    const sessions = await listSessions(identity, { all: readQuery(request, query).all });
    return { sessions, count: sessions.length };
  }),
});
