// GET /api/workflows/[app_id]/available — the workflows the caller may start (the segment is the app id here)
import { assertOwnApp, availableWorkflows } from '@/lib/ai';
import { ApiError, methods, readQuery, route } from '@/lib/http';
import { z } from 'zod';

const query = z.object({ user_id: z.string().optional() });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route<{ name: string }>({}, ({ request, params, identity }) => {
    assertOwnApp(identity, params.name);
    const { user_id } = readQuery(request, query);
    if (user_id !== undefined && user_id !== identity.user_id) throw new ApiError('FORBIDDEN', 'user_id mismatch');
    return { workflows: availableWorkflows() };
  }),
});
