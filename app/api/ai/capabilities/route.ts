// GET /api/ai/capabilities — the AI features this user may launch
import { listCapabilities } from '@/lib/ai';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, ({ identity }) => listCapabilities(identity)),
});
