/**
 * An operator enables and disables plugins for the whole app: a disabled plugin disappears from
 * listings, pages and the Director, and the choice survives a restart (it lives in the database,
 * not in the generated registry).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { jsonClient } from '../support/http';
import { makeTempDir } from '../support/config-dir';
import { startServer, type RunningServer } from '../support/server';

const env = { MOZAIKS_APP_ID: 'state_app', MOZAIKS_DATA_DIR: makeTempDir('mozaiks-state-'), JWT_SECRET: 'plugin-state-secret-plugin-state-secret' };
let server: RunningServer;
type Account = Awaited<ReturnType<typeof registerAccount>>;
let admin: Account;
let user: Account;

beforeAll(async () => {
  server = await startServer({ env });
  admin = await registerAccount(server.url);
  user = await registerAccount(server.url);
}, 60_000);
afterAll(async () => server?.stop());

const client = jsonClient(() => server.url);
const call = (path: string, account: Account, body?: unknown) => client(path, account.headers, body);
const available = async (account: Account) => (await call('/api/available-plugins', account)).body.plugins.map((plugin: { name: string }) => plugin.name);

describe('plugin enabled state', () => {
  it('disables a plugin everywhere, keeps it disabled across a restart, and enables it again', async () => {
    expect(await available(user)).toContain('notes');
    const disabled = await call('/__mozaiks/admin/plugins/notes/state', admin, { enabled: false });
    expect(disabled.body).toEqual({ name: 'notes', enabled: false });

    expect(await available(user)).not.toContain('notes');
    expect(await available(admin)).not.toContain('notes');
    expect((await call('/api/check-plugin-access/notes', user)).body).toEqual({ plugin: 'notes', access: false });
    const executed = await call('/api/execute/notes', user, { action: 'list' });
    expect(executed.status).toBe(404);
    expect(executed.body).toMatchObject({ error_code: 'NOT_FOUND', detail: "Plugin 'notes' not found or disabled" });
    expect((await call('/api/plugin-settings/notes', user)).status).toBe(404);
    // The page streams, so Next keeps status 200, marks it noindex and renders the not-found page in the shell.
    const notFoundPage = /<meta name="robots" content="noindex"/;
    expect((await call('/plugins/notes', user)).body).toMatch(notFoundPage);
    expect((await call('/plugins/task_manager', user)).body).not.toMatch(notFoundPage);
    expect((await call('/__mozaiks/admin/plugins', admin)).body.plugins).toContainEqual(expect.objectContaining({ name: 'notes', enabled: false }));
    // Other plugins are untouched.
    expect((await call('/api/execute/task_manager', user, { action: 'list' })).status).toBe(200);

    await server.stop();
    server = await startServer({ env });
    expect(await available(user)).not.toContain('notes');

    await call('/__mozaiks/admin/plugins/notes/state', admin, { enabled: true });
    expect(await available(user)).toContain('notes');
    expect((await call('/api/execute/notes', user, { action: 'list' })).status).toBe(200);
  }, 60_000);

  it('keeps the switch to admins and explains bad input', async () => {
    expect((await call('/__mozaiks/admin/plugins', user)).status).toBe(403);
    expect((await call('/__mozaiks/admin/plugins/notes/state', user, { enabled: false })).status).toBe(403);
    expect((await call('/__mozaiks/admin/plugins/nope/state', admin, { enabled: false })).status).toBe(404);
    const bad = await call('/__mozaiks/admin/plugins/notes/state', admin, { enabled: 'no' });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain('enabled must be true or false');
  });
});
