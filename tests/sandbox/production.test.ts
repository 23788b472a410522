/** The production build with every plugin sandboxed (MOZAIKS_SANDBOX_ALL): the prebuilt bundles serve real HTTP calls. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let headers: Record<string, string>;

beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_SANDBOX_ALL: 'true' } });
  headers = { ...(await registerAccount(server.url)).headers, 'content-type': 'application/json' };
});

afterAll(async () => {
  await server?.stop();
});

const execute = async (plugin: string, body: Record<string, unknown>) => {
  const response = await fetch(`${server.url}/api/execute/${plugin}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
};

describe('sandboxed plugins in the production build', () => {
  it('serves the example plugins from their sandboxes, concurrently', async () => {
    const created = await Promise.all(Array.from({ length: 12 }, (_, index) => execute('notes', { action: 'create', title: `Note ${index}`, tags: ['boxed'] })));
    expect(created.map(({ status }) => status)).toEqual(Array(12).fill(200));
    const listed = await execute('notes', { action: 'list', tag: 'boxed', limit: 50 });
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(12);
    const task = await execute('task_manager', { action: 'create', title: 'Boxed task' });
    expect(task.status).toBe(200);
    expect(task.body.item).toMatchObject({ title: 'Boxed task', status: 'open' });
  });

  it('maps the plugin’s own answers as a trusted plugin would', async () => {
    const invalid = await execute('notes', { action: 'create', title: '' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error_code).toBe('VALIDATION_ERROR');
    const unknown = await execute('notes', { action: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error_code).toBe('UNKNOWN_ACTION');
  });
});
