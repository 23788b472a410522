// POST /api/change-password — change a local account's password (the settings page's password-change field)
import { changePassword, passwordChangeSchema } from '@/lib/auth/accounts';
import { methods, readJson, route } from '@/lib/http';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, async ({ request, identity }) => {
    await changePassword(identity, await readJson(request, passwordChangeSchema));
    return { message: 'Password changed successfully' };
  }),
});
