/**
 * The admin API against the production build: reachable with the admin key or as a superadmin and
 * by nobody else; suspending an account locks it out of sign-in and the API at once; every action
 * lands in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { jsonClient } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
let server: RunningServer;
type Account = Awaited<ReturnType<typeof registerAccount>>;
let root: Account;

beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'admin_app', MOZAIKS_APP_ADMIN_KEY: ADMIN_KEY } });
  root = await registerAccount(server.url); // the first account: superadmin
}, 60_000);
afterAll(async () => server?.stop());

const call = jsonClient(() => server.url);
const signIn = (username: string, password: string) =>
  fetch(`${server.url}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password }) });

const ADMIN_ROUTES: [string, unknown?][] = [
  ['/__mozaiks/admin/users'],
  ['/__mozaiks/admin/users/someone'],
  ['/__mozaiks/admin/users/action', { action: 'suspendUser', targetIds: ['x'] }],
  ['/__mozaiks/admin/audit'],
  ['/__mozaiks/admin/subscriptions'],
  ['/__mozaiks/admin/plugins'],
  ['/__mozaiks/admin/plugins/notes/state', { enabled: false }],
  ['/__mozaiks/admin/notifications/broadcast', { title: 't', message: 'm' }],
  ['/__mozaiks/admin/notifications/broadcasts'],
  ['/__mozaiks/admin/notifications/schedule', { user_id: 'x', title: 't', message: 'm', scheduled_for: '2030-01-01T00:00:00Z' }],
  ['/__mozaiks/admin/notifications/channels'],
];

describe('admin API', () => {
  it('answers 403 to a normal user and 401 to nobody on every admin route', async () => {
    const user = await registerAccount(server.url);
    for (const [path, body] of ADMIN_ROUTES) {
      expect((await call(path, user.headers, body)).status, path).toBe(403);
      expect((await call(path, {}, body)).status, path).toBe(401);
    }
  });

  it('accepts the admin key, and refuses a wrong one', async () => {
    expect((await call('/__mozaiks/admin/users', { 'x-mozaiks-app-admin-key': ADMIN_KEY })).status).toBe(200);
    const wrong = await call('/__mozaiks/admin/users', { 'x-mozaiks-app-admin-key': 'not-the-key' });
    expect(wrong).toMatchObject({ status: 403, body: { error_code: 'FORBIDDEN', detail: 'Invalid admin key' } });
  });

  it('lists and searches accounts', async () => {
    const ada = await registerAccount(server.url, `ada${Date.now().toString(36)}`);
    const found = await call(`/__mozaiks/admin/users?q=${ada.username.slice(0, 8)}`, root.headers);
    expect(found.body.items.map((user: { id: string }) => user.id)).toContain(ada.user_id);
    expect(found.body.items[0]).toMatchObject({ username: expect.any(String), disabled: false, createdAt: expect.any(String) });
    expect((await call(`/__mozaiks/admin/users/${ada.user_id}`, root.headers)).body).toMatchObject({ id: ada.user_id, username: ada.username });
    expect((await call('/__mozaiks/admin/users/nope', root.headers)).status).toBe(404);
    expect((await call('/__mozaiks/admin/users?limit=500', root.headers)).status).toBe(422);
  });

  it('suspends an account out of sign-in and the API at once, and brings it back', async () => {
    const bob = await registerAccount(server.url);
    expect((await call('/api/auth/me', bob.headers)).status).toBe(200); // its identity is now cached

    const suspended = await call('/__mozaiks/admin/users/action', root.headers, { action: 'suspendUser', targetIds: [bob.user_id, 'missing'] });
    expect(suspended.body).toMatchObject({ success: false, affected: 1, message: 'Suspended 1 user(s)', errors: [{ id: 'missing', detail: 'User not found' }] });
    expect((await call('/api/auth/me', bob.headers)).status).toBe(403);
    expect((await call('/api/execute/notes', bob.headers, { action: 'list' })).status).toBe(403);
    expect((await signIn(bob.username, `${bob.username}-password`)).status).toBe(403);
    expect((await call('/__mozaiks/admin/users?disabled=true', root.headers)).body.items.map((user: { id: string }) => user.id)).toContain(bob.user_id);

    await call('/__mozaiks/admin/users/action', root.headers, { action: 'unsuspendUser', targetIds: [bob.user_id] });
    expect((await call('/api/auth/me', bob.headers)).status).toBe(200);

    const reset = await call('/__mozaiks/admin/users/action', { 'x-mozaiks-app-admin-key': ADMIN_KEY }, { action: 'resetPassword', targetIds: [bob.user_id], params: { newPassword: 'fresh-password-1' } });
    expect(reset.body).toMatchObject({ success: true, affected: 1 });
    expect((await signIn(bob.username, 'fresh-password-1')).status).toBe(200);

    const self = await call('/__mozaiks/admin/users/action', root.headers, { action: 'suspendUser', targetIds: [root.user_id] });
    expect(self.body.errors).toEqual([{ id: root.user_id, detail: 'You cannot suspend your own account' }]);
    expect((await call('/__mozaiks/admin/users/action', root.headers, { action: 'resetPassword', targetIds: [bob.user_id], params: { newPassword: 'short' } })).status).toBe(422);
    expect((await call('/__mozaiks/admin/users/action', root.headers, { action: 'deleteUser', targetIds: [bob.user_id] })).status).toBe(422);

    const audit = (await call('/__mozaiks/admin/audit?limit=10', root.headers)).body.items;
    expect(audit.map((entry: { action: string; target: string }) => `${entry.action}:${entry.target}`)).toEqual(
      expect.arrayContaining([`suspendUser:${bob.user_id}`, `unsuspendUser:${bob.user_id}`, `resetPassword:${bob.user_id}`]),
    );
    expect(audit.find((entry: { action: string }) => entry.action === 'resetPassword')).toMatchObject({ actor_id: 'admin-key', actor_method: 'admin_key' });
    expect(audit.find((entry: { action: string }) => entry.action === 'suspendUser')).toMatchObject({ actor_id: root.user_id });
  });

  it('audits plugin switches and broadcasts, and shows the subscriptions overview', async () => {
    await call('/__mozaiks/admin/plugins/notes/state', root.headers, { enabled: false });
    await call('/__mozaiks/admin/plugins/notes/state', root.headers, { enabled: true });
    await call('/__mozaiks/admin/notifications/broadcast', root.headers, { title: 'Hello', message: 'World' });
    const actions = (await call('/__mozaiks/admin/audit', root.headers)).body.items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['disablePlugin', 'enablePlugin', 'broadcastNotification']));
    const overview = (await call('/__mozaiks/admin/subscriptions', root.headers)).body;
    expect(overview).toMatchObject({ monetization_enabled: false, accounts: expect.any(Number) });
    expect(overview.plans.free).toBe(overview.accounts);
  });
});
