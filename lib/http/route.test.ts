import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { databaseUnavailable } from '@/lib/db/errors';
import { resetEnvForTests } from '@/lib/env';
import { logger } from '@/lib/runtime/logger';
import { makeTempDir } from '@/tests/support/config-dir';
import { ApiError, INTERNAL_ERROR_DETAIL, methods, PROCESS_TIME_HEADER, route } from '.';

const request = (method = 'GET', url = 'http://localhost/api/things/7') => new NextRequest(url, { method });
const noParams = { params: Promise.resolve({}) };

describe('route', () => {
  it('sends a returned value as JSON with X-Process-Time', async () => {
    const handler = route({ auth: 'public' }, () => ({ ok: true }));
    const response = await handler(request(), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ ok: true });
    expect(Number(response.headers.get(PROCESS_TIME_HEADER))).toBeGreaterThanOrEqual(0);
  });

  it('passes awaited params to the handler and leaves a returned Response alone', async () => {
    const handler = route<{ id: string }>({ auth: 'public' }, ({ params }) => new Response(`id=${params.id}`, { status: 201 }));
    const response = await handler(request(), { params: Promise.resolve({ id: '7' }) });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('id=7');
    expect(response.headers.get(PROCESS_TIME_HEADER)).not.toBeNull();
  });

  it('maps an ApiError to its status with detail, error_code, extra fields and headers', async () => {
    const handler = route({ auth: 'public' }, () => {
      throw new ApiError('RATE_LIMITED', 'Slow down', { extra: { retry_after: 3 }, headers: { 'Retry-After': '3' } });
    });
    const response = await handler(request(), noParams);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ detail: 'Slow down', error_code: 'RATE_LIMITED', retry_after: 3 });
  });

  it('turns schema failures into 422 VALIDATION_ERROR naming the field', async () => {
    const handler = route({ auth: 'public' }, () => z.object({ name: z.string() }).parse({ name: 5 }));
    const response = await handler(request(), noParams);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error_code).toBe('VALIDATION_ERROR');
    expect(body.detail).toMatch(/^Invalid request: \$\.name /);
    expect(body.errors[0].path).toBe('$.name');
  });

  it('hides unexpected errors behind a generic 500 and logs them', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const handler = route({ auth: 'public' }, () => {
      throw new Error('connection string mongodb://admin:hunter2@db leaked');
    });
    const response = await handler(request('POST'), noParams);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ detail: INTERNAL_ERROR_DETAIL, error_code: 'INTERNAL_ERROR' });
    expect(text).not.toMatch(/hunter2|at .*route\.test/);
    expect(logged).toHaveBeenCalledWith('unhandled error in request', expect.objectContaining({ method: 'POST', path: '/api/things/7' }));
    logged.mockRestore();
  });
});

describe('data layer errors through route()', () => {
  it('answers 503 DB_UNAVAILABLE with Retry-After while the database is down', async () => {
    const handler = route({ auth: 'public' }, () => {
      throw databaseUnavailable();
    });
    const response = await handler(request(), noParams);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ detail: 'The database is unavailable. Try again in a few seconds.', error_code: 'DB_UNAVAILABLE' });
  });
});

describe('methods', () => {
  it('answers unimplemented methods with a JSON 405 and an Allow header', async () => {
    const handlers = methods({ GET: route({ auth: 'public' }, () => ({ ok: true })) });
    const response = await handlers.DELETE(request('DELETE'), noParams);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await response.json()).toEqual({ detail: 'Method DELETE is not allowed on /api/things/7', error_code: 'METHOD_NOT_ALLOWED' });
    expect((await handlers.GET(request(), noParams)).status).toBe(200);
  });
});

describe("route({ auth: 'internal' })", () => {
  const KEY = 'internal-key-for-unit-tests-0123';
  const withEnv = async (env: Record<string, string | undefined>, run: () => Promise<void>) => {
    const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
    try {
      await run();
    } finally {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetEnvForTests();
    }
  };
  const internal = route({ auth: 'internal' }, ({ identity }) => ({ user_id: identity.user_id, roles: identity.roles, is_superadmin: identity.is_superadmin }));
  const withKey = (key: string) => new NextRequest('http://localhost/api/identity/users/u1', { headers: { 'x-internal-api-key': key } });

  it('accepts the internal key as a platform service without superadmin rights', async () => {
    await withEnv({ INTERNAL_API_KEY: KEY, MOZAIKS_DATA_DIR: makeTempDir('route-internal-') }, async () => {
      const response = await internal(withKey(KEY), noParams);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ user_id: 'internal-key', roles: ['internal_service'], is_superadmin: false });
    });
  });

  it('refuses a wrong key with 403, and any key when none is configured with 401', async () => {
    await withEnv({ INTERNAL_API_KEY: KEY, MOZAIKS_DATA_DIR: makeTempDir('route-internal-') }, async () => {
      for (const wrong of [`${KEY}0`, KEY.slice(0, -1), '']) {
        const response = await internal(withKey(wrong), noParams);
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual({ detail: 'Invalid internal API key', error_code: 'FORBIDDEN' });
      }
    });
    await withEnv({ INTERNAL_API_KEY: undefined, MOZAIKS_DATA_DIR: makeTempDir('route-internal-') }, async () => {
      const response = await internal(withKey(KEY), noParams);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: 'This server accepts no internal API key', error_code: 'AUTH_REQUIRED' });
    });
  });

  it('answers 401 without credentials', async () => {
    await withEnv({ INTERNAL_API_KEY: KEY, MOZAIKS_DATA_DIR: makeTempDir('route-internal-') }, async () => {
      const response = await internal(request(), noParams);
      expect(response.status).toBe(401);
      expect((await response.json()).error_code).toBe('AUTH_REQUIRED');
    });
  });
});

describe('route() rate limits and correlation ids', () => {
  it('limits calls per identity and route group, with Retry-After', async () => {
    const limited = route({ auth: 'public', rateLimit: { name: `unit-${Math.random()}`, perMinute: 2 } }, () => ({ ok: true }));
    const from = (address: string) => new NextRequest('http://localhost/api/things', { headers: { 'x-forwarded-for': address } });
    expect((await limited(from('10.0.0.1'), noParams)).status).toBe(200);
    expect((await limited(from('10.0.0.1'), noParams)).status).toBe(200);
    const third = await limited(from('10.0.0.1'), noParams);
    expect(third.status).toBe(429);
    expect(await third.json()).toEqual({ detail: 'Too many requests', error_code: 'RATE_LIMITED' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited(from('10.0.0.2'), noParams)).status).toBe(200);
  });

  it('echoes a sane x-correlation-id, replaces anything else, and passes it to the handler', async () => {
    const handler = route({ auth: 'public' }, ({ correlationId }) => ({ correlationId }));
    const sane = await handler(new NextRequest('http://localhost/x', { headers: { 'x-correlation-id': 'abc-123' } }), noParams);
    expect(sane.headers.get('x-correlation-id')).toBe('abc-123');
    expect(await sane.json()).toEqual({ correlationId: 'abc-123' });
    const insane = await handler(new NextRequest('http://localhost/x', { headers: { 'x-correlation-id': 'a b\tc' } }), noParams);
    expect(insane.headers.get('x-correlation-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const failing = route({ auth: 'public' }, () => {
      throw new ApiError('NOT_FOUND', 'nope');
    });
    expect((await failing(new NextRequest('http://localhost/x', { headers: { 'x-correlation-id': 'err-1' } }), noParams)).headers.get('x-correlation-id')).toBe('err-1');
  });
});
