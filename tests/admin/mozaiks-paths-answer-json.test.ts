/**
 * Issue #21's compatibility finding: `GET /__mozaiks/admin/app/metadata`, public in the original,
 * answered Next's HTML 404 page, as did every other `/__mozaiks` path no route has. Both servers
 * (the custom one, which answers endpoints directly, and plain `next start`, which routes through
 * the generated route files) now answer the metadata, and a JSON 404 for unknown paths, while the
 * admin routes beside the catch-all keep answering themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonClient } from '../support/http';
import { startServer, type RunningServer, type ServerMode } from '../support/server';

describe.each<ServerMode>(['custom', 'next-start'])('/__mozaiks paths (%s)', (mode) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ mode, env: { MOZAIKS_APP_ID: 'meta_app' } });
  }, 60_000);
  afterAll(async () => server?.stop());
  const call = jsonClient(() => server.url);

  it('answers the app metadata to anyone, as the original did', async () => {
    expect(await call('/__mozaiks/admin/app/metadata')).toMatchObject({ status: 200, body: { appId: 'meta_app' } });
  });

  it('answers a JSON 404 naming method and path where no route matches', async () => {
    for (const path of ['/__mozaiks/nope', '/__mozaiks/admin/nope/deeper', '/__mozaiks/admin/users/someone/extra']) {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const response = await call(path, {}, method === 'GET' ? undefined : {}, method);
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(response.body).toEqual({ detail: `No API route matches ${method} ${path}`, error_code: 'NOT_FOUND' });
      }
    }
  });

  it('leaves the admin routes to themselves: their 401s and 405s, not the catch-all’s 404', async () => {
    expect(await call('/__mozaiks/admin/users')).toMatchObject({ status: 401, body: { error_code: 'AUTH_REQUIRED' } });
    expect(await call('/__mozaiks/admin/notifications/broadcasts/some-id')).toMatchObject({ status: 401 });
    expect(await call('/__mozaiks/admin/users', {}, undefined, 'DELETE')).toMatchObject({ status: 405, body: { error_code: 'METHOD_NOT_ALLOWED' } });
  });
});
