/**
 * The user's profile: the fields settings_config.json declares in its profile sections (`text`,
 * `email`, `textarea`, `image`, `toggle`), stored on the user's document, plus their theme. The
 * declaration decides what may be edited and how each value is checked, so the settings page, the
 * API and the stored document always agree.
 */
import { z } from 'zod';
import type { Identity } from '@/lib/auth/identity';
import { claimEmail, releaseEmail } from '@/lib/auth/claims';
import { findUserById, usersOf, type User } from '@/lib/auth/users';
import { getConfigs } from '@/lib/config';
import type { SettingsSection } from '@/lib/config/schemas/settings';
import { publish } from '@/lib/events';
import { ApiError } from '@/lib/errors';
import { resolveThemeId } from '@/lib/theme';

/** Field types that hold a profile value (the others are widgets: theme selector, password change, plugin panels). */
const VALUE_TYPES = new Set(['text', 'email', 'textarea', 'image', 'toggle']);
/** The section whose toggles are notification preferences, not profile values. */
const NOTIFICATIONS_SECTION = 'notifications';
/** Keys a profile update can never set, whatever the config says (the original dropped the first five too). */
const RESERVED = new Set(['_id', 'username', 'hashed_password', 'user_id', 'app_id', 'roles', 'disabled', 'auth_provider', 'external_user_id', 'created_at', 'updated_at', 'last_login', 'theme']);
/** Largest profile picture, as a data URL. */
export const MAX_IMAGE_BYTES = 300_000;
const IMAGE_DATA_URL = /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/;

type SettingsField = SettingsSection['fields'][number];

export interface ProfileField {
  id: string;
  label: string;
  type: 'text' | 'email' | 'textarea' | 'image' | 'toggle';
  editable: boolean;
  required: boolean;
}

/** The profile fields settings_config.json declares, in section order. */
export function profileFields(): ProfileField[] {
  const fields: ProfileField[] = [];
  for (const section of getConfigs().settings.profile_sections) {
    if (section.id === NOTIFICATIONS_SECTION || !section.visible) continue;
    for (const field of section.fields as SettingsField[]) {
      if (!VALUE_TYPES.has(field.type) || fields.some((known) => known.id === field.id)) continue;
      fields.push({
        id: field.id,
        label: field.label ?? field.id,
        type: field.type as ProfileField['type'],
        editable: section.editable && field.editable !== false && !RESERVED.has(field.id),
        required: field.required ?? false,
      });
    }
  }
  return fields;
}

function valueSchema(field: ProfileField): z.ZodType {
  const { label } = field;
  switch (field.type) {
    case 'toggle':
      return z.boolean({ error: `${label} must be true or false` });
    case 'email':
      return z.email({ error: `${label} must be an email address` }).max(254).transform((value) => value.toLowerCase());
    case 'image':
      return z
        .string({ error: `${label} must be an image` })
        .max(MAX_IMAGE_BYTES, `${label} must be smaller than ${Math.round(MAX_IMAGE_BYTES / 1000)} KB`)
        .refine((value) => value === '' || IMAGE_DATA_URL.test(value), `${label} must be a PNG, JPEG, WebP or GIF image`);
    default: {
      const text = z.string({ error: `${label} must be text` }).trim().max(field.type === 'textarea' ? 5_000 : 200, `${label} is too long`);
      return field.required ? text.min(1, `${label} is required`) : text;
    }
  }
}

/**
 * The profile as the API shows it: the account's public fields, every declared field, and the theme.
 * The original answered with the users document itself (minus the password hash): the fields of that
 * document we also keep (`_id`, `disabled`, `updated_at`, `last_login`, `external_user_id`) are here
 * under its names, so its clients read them where they did (docs/deviations.md lists the rest).
 */
export function profileOf(user: User) {
  const values = Object.fromEntries(profileFields().map((field) => [field.id, user[field.id] ?? (field.type === 'toggle' ? false : null)]));
  return {
    ...values,
    _id: user._id,
    user_id: user._id,
    username: user.username,
    email: user.email ?? null,
    full_name: user.full_name ?? null,
    roles: user.roles,
    theme: typeof user.theme === 'string' ? user.theme : null,
    auth_provider: user.auth_provider,
    external_user_id: user.external_user_id ?? null,
    disabled: user.disabled,
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
    last_login: user.last_login?.toISOString() ?? null,
  };
}

export async function getProfile(identity: Identity) {
  const user = await findUserById(identity.app_id, identity.user_id);
  if (!user) throw new ApiError('NOT_FOUND', 'User not found');
  return profileOf(user);
}

/**
 * Emails are one account's each (lib/auth/claims.ts): a new address is claimed before it is saved.
 * Returns the address it replaces, whose claim the caller gives up once the new one is stored.
 */
async function claimNewEmail(identity: Identity, email: string): Promise<string | undefined> {
  const user = await findUserById(identity.app_id, identity.user_id);
  if (!user) throw new ApiError('NOT_FOUND', 'User not found');
  if (user.email === email) return undefined;
  if (await usersOf(identity.app_id).findOne({ email, _id: { $ne: identity.user_id } }, { projection: { _id: 1 } })) throw new ApiError('EMAIL_TAKEN', 'Email already registered');
  await claimEmail(identity.app_id, email, identity.user_id);
  return user.email ?? undefined;
}

/**
 * Saves the editable declared fields in `input`. As in the original, reserved keys and fields the
 * config marks read-only are ignored (clients send the whole profile back); keys the config does not
 * declare at all are refused, so a typo is not silently lost.
 */
export async function updateProfile(identity: Identity, input: Record<string, unknown>) {
  const fields = profileFields();
  const unknown = Object.keys(input).filter((key) => !RESERVED.has(key) && !fields.some((field) => field.id === key));
  if (unknown.length) {
    throw new ApiError('VALIDATION_ERROR', `Unknown profile field(s): ${unknown.join(', ')}`, { extra: { editable_fields: fields.filter((field) => field.editable).map((field) => field.id) } });
  }
  const editable = fields.filter((field) => field.editable && Object.hasOwn(input, field.id));
  if (!editable.length) throw new ApiError('NO_VALID_FIELDS', 'No valid fields to update', { status: 400 });
  // null clears an optional field (the profile shows unset fields as null, and clients send it back).
  const schemaFor = (field: ProfileField) => (field.required || field.type === 'toggle' ? valueSchema(field) : valueSchema(field).nullable());
  const changes = z.object(Object.fromEntries(editable.map((field) => [field.id, schemaFor(field)]))).parse(input) as Record<string, unknown>;
  const previousEmail = typeof changes.email === 'string' ? await claimNewEmail(identity, changes.email) : undefined;
  const { matchedCount } = await usersOf(identity.app_id).updateOne({ _id: identity.user_id }, { $set: { ...changes, updated_at: new Date() } });
  if (matchedCount === 0) throw new ApiError('NOT_FOUND', 'User not found');
  if (previousEmail) await releaseEmail(identity.app_id, previousEmail, identity.user_id);
  publish('profile_updated', { user_id: identity.user_id }, { appId: identity.app_id, userId: identity.user_id });
  return getProfile(identity);
}

/** The user's theme: what they chose, if the app still offers it, else the app's default. */
export function themeOf(user: User | null): string {
  return resolveThemeId(getConfigs().theme, typeof user?.theme === 'string' ? user.theme : undefined);
}

/** Stores the user's theme choice; 400 for a theme the app does not offer. */
export async function changeTheme(identity: Identity, themeName: string): Promise<string> {
  const { theme } = getConfigs();
  const offered = theme.available_themes.map((candidate) => candidate.id);
  if (!offered.includes(themeName)) {
    throw new ApiError('VALIDATION_ERROR', `Unknown theme '${themeName}'. Themes: ${offered.join(', ')}`, { status: 400, extra: { themes: offered } });
  }
  await usersOf(identity.app_id).updateOne({ _id: identity.user_id }, { $set: { theme: themeName, updated_at: new Date() } });
  publish('theme_changed', { user_id: identity.user_id, theme: themeName }, { appId: identity.app_id, userId: identity.user_id });
  return themeName;
}
