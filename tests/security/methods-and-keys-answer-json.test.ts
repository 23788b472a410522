/**
 * Smaller findings of the hardening issue: TRACE answered a plain-text 500 (now JSON 405), OPTIONS
 * listed every method whether the route had it or not (now the route's own), and an
 * X-Internal-API-Key sent to a server without INTERNAL_API_KEY got 503 (now 401).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { INTERNAL_API_KEY: undefined } });
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('methods', () => {
  /** fetch refuses to send TRACE; node:http sends any method its parser knows. */
  const send = (method: string) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const outgoing = request(`${server.url}/api/user-profile`, { method }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', body }));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });

  it.each(['TRACE', 'PROPFIND', 'PURGE'])('answers %s with JSON 405', async (method) => {
    const response = await send(method);
    expect(response.status).toBe(405);
    expect(response.type).toContain('application/json');
    expect(JSON.parse(response.body)).toEqual({ detail: `Method ${method} is not allowed`, error_code: 'METHOD_NOT_ALLOWED' });
  });

  it('answers OPTIONS with the methods the route really has', async () => {
    const profile = await fetch(`${server.url}/api/user-profile`, { method: 'OPTIONS' });
    expect(profile.status).toBe(204);
    expect(profile.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const register = await fetch(`${server.url}/api/auth/register`, { method: 'OPTIONS' });
    expect(register.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('internal API key', () => {
  it('answers 401, not 503, when the server has no INTERNAL_API_KEY', async () => {
    const response = await fetch(`${server.url}/api/identity/users/someone`, { headers: { 'x-internal-api-key': 'k'.repeat(32) } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: 'This server accepts no internal API key', error_code: 'AUTH_REQUIRED' });
  });
});
