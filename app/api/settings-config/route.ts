// GET /api/settings-config — the settings page's sections from settings_config.json, plugin panels included
import { methods, route } from '@/lib/http';
import { settingsSections } from '@/lib/profile/sections';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({}, async ({ identity }) => ({ profile_sections: await settingsSections(identity) })),
});
