/** The signed-in user's profile and theme. */
import { z } from 'zod';
import { findUserById } from '@/lib/auth/users';
import { ApiError } from '@/lib/errors';
import { json } from '@/lib/http/respond';
import { changeTheme, getProfile, themeOf, updateProfile } from '@/lib/profile';
import { THEME_COOKIE } from '@/lib/theme';
import { endpoint } from '../endpoint';

const tags = ['Profile'];
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

const isoDate = z.iso.datetime();

/** lib/profile's profileOf: the account's fields, the original's document fields, and the declared profile fields. */
const profileSchema = z
  .object({
    _id: z.string().describe("`user_id` again, under the original's name for it"),
    user_id: z.string(),
    username: z.string(),
    email: z.string().nullable(),
    full_name: z.string().nullable(),
    roles: z.array(z.string()),
    theme: z.string().nullable().describe('The theme the user chose; null until they choose one (GET /api/current-theme falls back to the default)'),
    auth_provider: z.enum(['local', 'keycloak']),
    external_user_id: z.string().nullable().describe("The identity provider's subject, for users who sign in through Keycloak"),
    disabled: z.boolean(),
    created_at: isoDate,
    updated_at: isoDate,
    last_login: isoDate.nullable().describe('The last password sign-in'),
  })
  // The value fields settings_config.json declares (text, email, textarea, image: a string or null; toggle: a boolean).
  .catchall(z.union([z.string(), z.boolean(), z.null()]))
  .describe('The account, and every value field settings_config.json declares in its profile sections, by field id');

export const getUserProfile = endpoint({
  method: 'GET',
  path: '/api/user-profile',
  tags,
  summary: "The signed-in user's profile: account fields, the fields settings_config.json declares, theme",
  output: profileSchema,
  errors: ['NOT_FOUND'],
  handler: ({ identity }) => getProfile(identity),
});

export const updateUserProfile = endpoint({
  method: 'POST',
  path: '/api/update-profile',
  tags,
  summary: 'Change the editable profile fields settings_config.json declares',
  description:
    'As in the original, clients may send the whole profile back: reserved keys (`username`, `roles`, …) and read-only fields are ignored. A key no section declares answers 422 with `editable_fields`; `null` clears an optional field.',
  body: z.record(z.string(), z.unknown()).describe('Field ids and their new values'),
  output: z.object({ message: z.literal('Profile updated successfully'), profile: profileSchema }),
  errors: ['NO_VALID_FIELDS', 'EMAIL_TAKEN', 'NOT_FOUND'],
  handler: async ({ identity, body }) => ({ message: 'Profile updated successfully', profile: await updateProfile(identity, body) }),
});

export const getCurrentTheme = endpoint({
  method: 'GET',
  path: '/api/current-theme',
  tags,
  summary: "The signed-in user's theme, or the app's default",
  output: z.object({ theme: z.string().describe('The id of one of theme_config.json’s `available_themes`') }),
  handler: async ({ identity }) => ({ theme: themeOf(await findUserById(identity.app_id, identity.user_id)) }),
});

export const changeUserTheme = endpoint({
  method: 'POST',
  path: '/api/change-theme',
  tags,
  summary: "Remember the signed-in user's theme (in the database, on every device)",
  description: `Also sets the \`${THEME_COOKIE}\` cookie, so the next page renders in this theme. A missing or blank \`theme_name\` answers 400 "Theme name is required", as the original; a theme the app does not offer answers 400 with \`themes\`.`,
  // Optional here so that its absence answers the original's 400, not a 422.
  body: z.object({ theme_name: z.string().trim().nullish().describe('The id of one of theme_config.json’s `available_themes`; required') }),
  output: z.object({ message: z.string().describe('"Theme changed to <theme>"'), theme: z.string() }),
  errors: ['BAD_REQUEST', ['VALIDATION_ERROR', 400]],
  handler: async ({ identity, body }) => {
    if (!body.theme_name) throw new ApiError('BAD_REQUEST', 'Theme name is required');
    const theme = await changeTheme(identity, body.theme_name);
    // The cookie lets the next page render in this theme before the user is looked up (no flash).
    const cookie = `${THEME_COOKIE}=${encodeURIComponent(theme)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
    return json({ message: `Theme changed to ${theme}`, theme }, { headers: { 'set-cookie': cookie } });
  },
});
