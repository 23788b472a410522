// POST /api/execute/[plugin] — run a plugin action through the Director
import { executePlugin } from '@/lib/director';
import { ApiError, methods, readJson, route } from '@/lib/http';
import { getPlugin } from '@/lib/plugins/registry';
import { z } from 'zod';

/** The Director checks the body's shape itself (400 INVALID_JSON for anything but an object). */
const anyBody = z.unknown();

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  // Not an async function: every plugin call passes here, and each await costs (see executePlugin).
  // On the custom server the body is in memory and read at once; through Next it is read first.
  POST: route<{ plugin: string }>({}, ({ request, params, identity, correlationId }) => {
    const plugin = getPlugin(params.plugin);
    if (!plugin) throw new ApiError('NOT_FOUND', `Plugin '${params.plugin}' not found or disabled`);
    const call = (body: unknown) => executePlugin({ plugin, pluginName: params.plugin, identity, body, correlationId });
    const body = readJson(request, anyBody);
    return body instanceof Promise ? body.then(call) : call(body);
  }),
});
