import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, errorMessage, requestJson } from './browser';

// A server answering as the Director does for a plugin input that fails its schema.
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(422, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        detail: 'Invalid request: $.title title is required',
        error_code: 'VALIDATION_ERROR',
        errors: [
          { path: '$.title', message: 'title is required' },
          { path: '$.due_date', message: 'due_date must be a date (YYYY-MM-DD)' },
          { path: '$.title', message: 'a second message for the same field' },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a rejected call in the browser', () => {
  it("gives each field its own message, and a summary that is not the server's detail", async () => {
    const error = await requestJson(`${base}/api/execute/task_manager`, { body: { action: 'create' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    const rejected = error as ApiRequestError;
    expect(rejected.status).toBe(422);
    expect(rejected.fields).toEqual({ title: 'title is required', due_date: 'due_date must be a date (YYYY-MM-DD)' });
    expect(rejected.summary).toBe('Check the highlighted fields.');
    expect(errorMessage(rejected)).toBe('Check the highlighted fields.');
  });

  it('keeps the detail as the summary when no field is named, and never shows a foreign error', () => {
    const error = new ApiRequestError(409, 'CONFLICT', 'That name is taken.');
    expect(error.fields).toEqual({});
    expect(errorMessage(error)).toBe('That name is taken.');
    expect(errorMessage(new TypeError('x is undefined'), 'Could not save.')).toBe('Could not save.');
  });
});
