/**
 * `POST /api/execute/{plugin}` answers the same whether the custom server dispatches it itself
 * (production server.ts, skipping Next's router) or Next serves the route (`next start`, serverless
 * hosts): statuses, bodies and headers, for a success and for each kind of refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer } from '../support/server';

let custom: RunningServer;
let nextStart: RunningServer;

beforeAll(async () => {
  [custom, nextStart] = await Promise.all([
    startServer({ env: { MOZAIKS_APP_ID: 'direct_app' } }),
    startServer({ mode: 'next-start', env: { MOZAIKS_APP_ID: 'direct_app' } }),
  ]);
});

afterAll(async () => {
  await Promise.all([custom?.stop(), nextStart?.stop()]);
});

async function answer(server: RunningServer, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-1', ...init.headers }, body: init.body });
  const text = await response.text();
  return {
    status: response.status,
    body: JSON.parse(text) as unknown,
    type: response.headers.get('content-type'),
    runtime: response.headers.get('x-mozaiks-runtime-version'),
    correlation: response.headers.get('x-correlation-id'),
    timed: response.headers.has('x-process-time'),
  };
}

describe('plugin calls on the custom server and on next start', () => {
  it("answer alike: success, 401, 404, 400 INVALID_JSON, 422, 413, a plugin's own 404 and an unknown action with its extra field", async () => {
    const [a, b] = await Promise.all([registerAccount(custom.url), registerAccount(nextStart.url)]);
    const cases = (auth: Record<string, string>) => [
      ['/api/execute/notes', { headers: auth, body: JSON.stringify({ action: 'list' }) }],
      ['/api/execute/notes', { body: JSON.stringify({ action: 'list' }) }],
      ['/api/execute/no_such_plugin', { headers: auth, body: '{}' }],
      ['/api/execute/notes', { headers: auth, body: '{broken' }],
      ['/api/execute/notes', { headers: auth, body: JSON.stringify({ action: 'create', title: '' }) }],
      ['/api/execute/notes', { headers: auth, body: JSON.stringify({ action: 'list', pad: 'x'.repeat(1_100_000) }) }],
      ['/api/execute/notes', { headers: auth, body: JSON.stringify({ action: 'delete', id: 'no-such-note' }) }],
      ['/api/execute/notes', { headers: auth, body: JSON.stringify({ action: 'nope' }) }],
    ] as const;
    const direct = await Promise.all(cases(a.headers).map(([path, init]) => answer(custom, path, init)));
    const viaNext = await Promise.all(cases(b.headers).map(([path, init]) => answer(nextStart, path, init)));
    expect(direct.map((result) => result.status)).toEqual([200, 401, 404, 400, 422, 413, 404, 400]);
    expect(direct[7]!.body).toMatchObject({ error_code: 'UNKNOWN_ACTION', actions: expect.arrayContaining(['list', 'delete']) });
    expect(direct).toEqual(viaNext);
    for (const result of direct) {
      expect(result).toMatchObject({ type: 'application/json; charset=utf-8', runtime: '1.0.0', correlation: 'corr-1' });
    }
    expect(direct[0]!.timed).toBe(true);
  });
});
