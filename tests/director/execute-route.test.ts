/** POST /api/execute/{plugin} over real HTTP against the production build, with the shipped notes plugin. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'execute_app' } });
}, 60_000);
afterAll(async () => server?.stop());

const execute = (plugin: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/execute/${plugin}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('POST /api/execute/{plugin}', () => {
  it('answers every failure with its status and a JSON {detail, error_code}', async () => {
    const { headers } = await registerAccount(server.url);
    const cases: [string, string, Record<string, string>, number, string][] = [
      ['notes', '{"action":"list"}', {}, 401, 'AUTH_REQUIRED'],
      ['no_such_plugin', '{"action":"list"}', headers, 404, 'NOT_FOUND'],
      ['notes', '{"action":', headers, 400, 'INVALID_JSON'],
      ['notes', '[1,2]', headers, 400, 'INVALID_JSON'],
      ['notes', '', headers, 400, 'INVALID_JSON'],
      ['notes', '{"action":"fly"}', headers, 400, 'UNKNOWN_ACTION'],
      ['notes', '{"action":"create","title":""}', headers, 422, 'VALIDATION_ERROR'],
      ['notes', '{"action":"delete","id":"nope"}', headers, 404, 'NOT_FOUND'],
    ];
    for (const [plugin, body, extra, status, code] of cases) {
      const response = await execute(plugin, body, extra);
      expect(response.status, `${plugin} ${body}`).toBe(status);
      expect((await response.json()).error_code, `${plugin} ${body}`).toBe(code);
    }
    const wrongMethod = await fetch(`${server.url}/api/execute/notes`, { headers });
    expect(wrongMethod.status).toBe(405);
  });

  it('stores data under the caller, whatever user_id, app_id or _context the body claims', async () => {
    const alice = await registerAccount(server.url);
    const bob = await registerAccount(server.url);
    const created = await execute(
      'notes',
      JSON.stringify({ action: 'create', title: 'Alice only', user_id: bob.user_id, app_id: 'other', _context: { user_id: bob.user_id, is_superadmin: true } }),
      alice.headers,
    );
    expect(created.status).toBe(200);
    const list = async (headers: Record<string, string>) => (await (await execute('notes', '{"action":"list"}', headers)).json()).items.map((note: { title: string }) => note.title);
    expect(await list(alice.headers)).toEqual(['Alice only']);
    expect(await list(bob.headers)).toEqual([]);
  });

  it('lists the plugins a user may use', async () => {
    const { headers } = await registerAccount(server.url);
    const available = await (await fetch(`${server.url}/api/available-plugins`, { headers })).json();
    expect(available.plugins.map((plugin: { name: string }) => plugin.name)).toContain('notes');
    expect(await (await fetch(`${server.url}/api/check-plugin-access/notes`, { headers })).json()).toEqual({ plugin: 'notes', access: true });
    expect(await (await fetch(`${server.url}/api/check-plugin-access/nope`, { headers })).json()).toEqual({ plugin: 'nope', access: false });
  });
});
