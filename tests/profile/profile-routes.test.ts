/**
 * Profile, theme, password, settings-config and navigation routes over real HTTP against the
 * production build: values persist, declared rules are enforced, and bad input is explained.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
type Account = Awaited<ReturnType<typeof registerAccount>>;

beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'profile_app' } });
  await registerAccount(server.url); // the app's first account (its superadmin)
}, 60_000);
afterAll(async () => server?.stop());

const api = async (path: string, account: Account | null, body?: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(account?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
};

describe('profile routes', () => {
  it('refuses callers without credentials', async () => {
    for (const path of ['/api/user-profile', '/api/current-theme', '/api/settings-config', '/api/navigation']) {
      expect((await api(path, null)).status, path).toBe(401);
    }
    expect((await api('/api/update-profile', null, { full_name: 'x' })).status).toBe(401);
  });

  it('shows and updates the declared profile fields, ignoring reserved keys', async () => {
    const ada = await registerAccount(server.url);
    const profile = await api('/api/user-profile', ada);
    expect(profile.body).toMatchObject({ user_id: ada.user_id, username: ada.username, email: `${ada.username}@example.com`, bio: null, theme: null });
    expect(profile.body).not.toHaveProperty('hashed_password');

    // The original's clients send the whole profile back: reserved and read-only keys are ignored.
    const updated = await api('/api/update-profile', ada, { ...profile.body, full_name: 'Ada Lovelace', bio: 'Analytical engines.', username: 'hacker', roles: ['superadmin'], email: 'new@example.com' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ message: 'Profile updated successfully', profile: { full_name: 'Ada Lovelace', bio: 'Analytical engines.', username: ada.username, roles: ['user'] } });
    const again = (await api('/api/user-profile', ada)).body;
    expect(again).toMatchObject({ full_name: 'Ada Lovelace', bio: 'Analytical engines.', email: `${ada.username}@example.com` });
  });

  it('explains bad profile input', async () => {
    const bob = await registerAccount(server.url);
    const cases: [unknown, number, string][] = [
      [{ nickname: 'bobby' }, 422, 'Unknown profile field(s): nickname'],
      [{ username: 'x' }, 400, 'No valid fields to update'],
      [{ full_name: '' }, 422, 'Full Name is required'],
      [{ bio: 42 }, 422, 'Bio must be text'],
      [{ profile_picture: 'data:text/html;base64,PHNjcmlwdD4=' }, 422, 'must be a PNG, JPEG, WebP or GIF image'],
    ];
    for (const [body, status, detail] of cases) {
      const response = await api('/api/update-profile', bob, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.detail, JSON.stringify(body)).toContain(detail);
    }
    expect((await api('/api/update-profile', bob, '[1]')).body.error_code).toBe('INVALID_JSON');
    const picture = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    expect((await api('/api/update-profile', bob, { profile_picture: picture })).body.profile.profile_picture).toBe(picture);
  });

  it('keeps the theme per user in the database', async () => {
    const cat = await registerAccount(server.url);
    expect((await api('/api/current-theme', cat)).body).toEqual({ theme: 'light' });
    const changed = await api('/api/change-theme', cat, { theme_name: 'dark' });
    expect(changed.body).toEqual({ message: 'Theme changed to dark', theme: 'dark' });
    expect(changed.headers.get('set-cookie')).toContain('mozaiks_theme=dark');
    expect((await api('/api/current-theme', cat)).body).toEqual({ theme: 'dark' });
    // Another device (no cookie) renders the user's theme.
    const page = await fetch(`${server.url}/settings`, { headers: cat.headers });
    expect(await page.text()).toContain('data-theme="dark"');

    const unknown = await api('/api/change-theme', cat, { theme_name: 'neon' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.themes).toContain('dark');
    expect((await api('/api/change-theme', cat, {})).body.detail).toContain('Theme name is required');
  });

  it('changes a password only with the current one', async () => {
    const dee = await registerAccount(server.url);
    const password = `${dee.username}-password`;
    const wrong = await api('/api/change-password', dee, { current_password: 'not-it', new_password: 'a-new-password' });
    expect(wrong).toMatchObject({ status: 400, body: { error_code: 'INVALID_CREDENTIALS' } });
    expect((await api('/api/change-password', dee, { current_password: password, new_password: 'short' })).status).toBe(422);
    expect((await api('/api/change-password', dee, { current_password: password, new_password: 'a-new-password' })).body).toEqual({ message: 'Password changed successfully' });

    const signIn = (secret: string) =>
      fetch(`${server.url}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: dee.username, password: secret }) });
    expect((await signIn(password)).status).toBe(401);
    expect((await signIn('a-new-password')).status).toBe(200);
  });

  it('serves the settings sections and the navigation', async () => {
    const eve = await registerAccount(server.url);
    const config = (await api('/api/settings-config', eve)).body;
    expect(config.profile_sections.map((section: { id: string }) => section.id)).toEqual(expect.arrayContaining(['personal', 'security', 'notifications']));
    const navigation = (await api('/api/navigation', eve)).body.navigation;
    expect(navigation.map((item: { path: string }) => item.path)).toEqual(expect.arrayContaining(['/', '/plugins/task_manager', '/plugins/notes']));
  });
});
