// POST /__mozaiks/admin/plugins/[plugin]/state — enable or disable a plugin for the whole app
import { z } from 'zod';
import { methods, readJson, route } from '@/lib/http';
import { setPluginEnabled } from '@/lib/plugins/state';

const body = z.object({ enabled: z.boolean({ error: 'enabled must be true or false' }) });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route<{ plugin: string }>({ roles: ['admin'] }, async ({ request, params, identity }) => {
    const { enabled } = await readJson(request, body);
    return setPluginEnabled({ identity, name: params.plugin, enabled });
  }),
});
