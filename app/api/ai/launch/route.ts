// POST /api/ai/launch — start a chat of a capability's workflow
import { z } from 'zod';
import { launchCapability } from '@/lib/ai';
import { methods, readJson, route } from '@/lib/http';

const body = z.object({ capability_id: z.string({ error: 'capability_id is required' }).trim().min(1, 'capability_id is required') });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ rateLimit: { name: 'chat-start', perMinute: 60 } }, async ({ request, identity, correlationId }) => launchCapability(identity, (await readJson(request, body)).capability_id, correlationId)),
});
