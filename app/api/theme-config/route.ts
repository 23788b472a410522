// GET /api/theme-config — theme_config.json as validated, with defaults filled in
import { getConfigs } from '@/lib/config';
import { methods, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: 'public' }, () => getConfigs().theme),
});
