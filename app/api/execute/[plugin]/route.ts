// POST /api/execute/[plugin] — run a plugin action through the Director
import { executePlugin } from '@/lib/director';
import { ApiError, methods, readJson, route } from '@/lib/http';
import { getPlugin } from '@/lib/plugins/registry';
import { z } from 'zod';

/** The Director checks the body's shape itself (400 INVALID_JSON for anything but an object). */
const anyBody = z.unknown();

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // Chained, not an async function awaiting both: every plugin call passes here (see executePlugin).
  POST: route<{ plugin: string }>({}, ({ request, params, identity, correlationId }) => {
    const plugin = getPlugin(params.plugin);
    if (!plugin) throw new ApiError('NOT_FOUND', `Plugin '${params.plugin}' not found or disabled`);
    return readJson(request, anyBody).then((body) => executePlugin({ plugin, pluginName: params.plugin, identity, body, correlationId }));
  }),
});
