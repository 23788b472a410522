import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { databaseUnavailable } from '@/lib/db/errors';
import { logger } from '@/lib/runtime/logger';
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
