import type { z } from 'zod';
import { ApiError } from './errors';

/** Largest request body the JSON and form readers accept. */
export const MAX_BODY_BYTES = 1_000_000;

function tooLarge(): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
}

function readText(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return request.text().then((text) => {
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
    return text;
  });
}

/**
 * Parses a JSON object body and validates it: 400 INVALID_JSON when it is not JSON, 422 when the
 * schema refuses it. `allowEmpty`: an empty body is read as `{}` (for routes whose fields are all optional).
 * (Chained with `then`, not awaited in async functions: every plugin call reads its body here.)
 */
export function readJson<S extends z.ZodType>(request: Request, schema: S, { allowEmpty = false }: { allowEmpty?: boolean } = {}): Promise<z.output<S>> {
  return readText(request).then((text) => {
    if (allowEmpty && text.trim() === '') return schema.parse({});
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // The parser's message would only echo the input back.
      throw new ApiError('INVALID_JSON', 'Invalid JSON payload');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('INVALID_JSON', 'The request body must be a JSON object');
    return schema.parse(body);
  });
}

/** Parses an application/x-www-form-urlencoded body (OAuth2 password form) and validates it. */
export async function readForm<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded');
  }
  const form = type.includes('multipart/form-data') ? await request.formData() : new URLSearchParams(await readText(request));
  return schema.parse(Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string')));
}

/** The client's address as the nearest proxy (or Next's own server) reported it, for rate limits. */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || request.headers.get('x-real-ip') || 'unknown';
}

/** Validates the query string: 422 naming the parameter when the schema refuses it. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return schema.parse(Object.fromEntries(new URL(request.url).searchParams));
}
