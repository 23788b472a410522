// POST /api/change-theme — remember the signed-in user's theme (in the database, on every device)
import { z } from 'zod';
import { methods, readJson, route } from '@/lib/http';
import { changeTheme } from '@/lib/profile';
import { THEME_COOKIE } from '@/lib/theme';

const body = z.object({ theme_name: z.string({ error: 'Theme name is required' }).trim().min(1, 'Theme name is required') });
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, async ({ request, identity }) => {
    const theme = await changeTheme(identity, (await readJson(request, body)).theme_name);
    const response = Response.json({ message: `Theme changed to ${theme}`, theme });
    // The cookie lets the next page render in this theme before the user is looked up (no flash).
    response.headers.append('set-cookie', `${THEME_COOKIE}=${encodeURIComponent(theme)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`);
    return response;
  }),
});
