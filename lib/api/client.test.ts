import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '@/lib/http/browser';
import { callApi } from './client';

afterEach(() => vi.unstubAllGlobals());

function answering(status: number, body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('callApi', () => {
  it('fills the path, sends the body as JSON and answers typed data', async () => {
    const fetch = answering(200, { items: [] });
    await callApi('POST /api/execute/{plugin}', { params: { plugin: 'moz.platform hosting' }, body: { action: 'list' } });
    expect(fetch).toHaveBeenCalledWith('/api/execute/moz.platform%20hosting', expect.objectContaining({ method: 'POST', body: '{"action":"list"}' }));
    answering(200, { status: 'healthy', app_id: 'a', app_tier: 'free', plugins_loaded: 3 });
    const health = await callApi('GET /health');
    // Typed by /health's output schema: a wrong field name would not compile (npm run typecheck).
    expect(health.plugins_loaded).toBe(3);
  });

  it("throws ApiRequestError with the server's detail and error_code", async () => {
    answering(404, { detail: "Plugin 'nope' not found or disabled", error_code: 'NOT_FOUND' });
    const failure = callApi('POST /api/execute/{plugin}', { params: { plugin: 'nope' }, body: { action: 'list' } });
    await expect(failure).rejects.toBeInstanceOf(ApiRequestError);
    await expect(failure).rejects.toMatchObject({ status: 404, errorCode: 'NOT_FOUND', message: "Plugin 'nope' not found or disabled" });
  });

  it('is typed by the table: required arguments and unknown endpoints do not compile', () => {
    // Checked by `npm run typecheck`; never called.
    const typeChecks = async () => {
      // @ts-expect-error the Director needs its plugin parameter
      await callApi('POST /api/execute/{plugin}');
      // @ts-expect-error no such endpoint
      await callApi('GET /api/nope');
      const health = await callApi('GET /health');
      // @ts-expect-error /health answers no `nope` field
      return health.nope;
    };
    expect(typeof typeChecks).toBe('function');
  });
});
