// POST /api/update-profile — change the editable profile fields settings_config.json declares
import { z } from 'zod';
import { methods, readJson, route } from '@/lib/http';
import { updateProfile } from '@/lib/profile';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({}, async ({ request, identity }) => {
    const profile = await updateProfile(identity, await readJson(request, z.record(z.string(), z.unknown())));
    return { message: 'Profile updated successfully', profile };
  }),
});
