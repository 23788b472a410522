import type { z } from 'zod';
import { ApiError } from './errors';
import { NodeRequest } from './node-request';

/** Largest request body the JSON and form readers accept. */
export const MAX_BODY_BYTES = 1_000_000;

function tooLarge(): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
}

function checkedSize(text: string): string {
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  return text;
}

/** The body as text: at once when it is in memory already (the custom server's NodeRequest), else a promise. */
function readText(request: Request): string | Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const now = request instanceof NodeRequest ? request.textNow() : undefined;
  return now === undefined ? request.text().then(checkedSize) : checkedSize(now);
}

function parseJson<S extends z.ZodType>(text: string, schema: S, allowEmpty: boolean): z.output<S> {
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
}

/**
 * Parses a JSON object body and validates it: 400 INVALID_JSON when it is not JSON, 422 when the
 * schema refuses it. `allowEmpty`: an empty body is read as `{}` (for routes whose fields are all optional).
 * Answers at once (or throws) when the body is in memory already, as on the custom server's direct
 * routes, and with a promise otherwise: `await` it either way. (Every plugin call reads its body
 * here; waiting for a body that is already read cost four promises.)
 */
export function readJson<S extends z.ZodType>(request: Request, schema: S, { allowEmpty = false }: { allowEmpty?: boolean } = {}): z.output<S> | Promise<z.output<S>> {
  const text = readText(request);
  return typeof text === 'string' ? parseJson(text, schema, allowEmpty) : text.then((read) => parseJson(read, schema, allowEmpty));
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
