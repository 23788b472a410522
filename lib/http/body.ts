import type { z } from 'zod';
import { ApiError } from '@/lib/errors';
import { NodeRequest } from './node-request';

/** Largest request body the JSON and form readers accept (and the custom server lets through at all; see lib/server/request-guard.ts). */
export const MAX_BODY_BYTES = 1_000_000;
/**
 * Deepest nesting a JSON body may have. Real payloads stay far below it; 10,000 levels parsed, then
 * failed with a 500 when the answer echoed them back.
 */
export const MAX_JSON_DEPTH = 64;

export function tooLarge(limit = MAX_BODY_BYTES): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`);
}

function checkedSize(text: string): string {
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  return text;
}

/**
 * The body's bytes, refused with 413 as soon as more than `limit` have arrived: a large body is never
 * held in memory, whatever its content type or framing (a declared length, or chunks).
 */
export async function readBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const utf8 = new TextDecoder();

/** The body as text: at once when it is in memory already (the custom server's NodeRequest), else a promise. */
function readText(request: Request): string | Promise<string> {
  // A declared length past the limit is refused by readBytes, and a body in memory by checkedSize.
  const now = request instanceof NodeRequest ? request.textNow() : undefined;
  return now === undefined ? readBytes(request).then((bytes) => utf8.decode(bytes)) : checkedSize(now);
}

/**
 * True when JSON text nests arrays and objects deeper than `limit`. One pass over the characters,
 * skipping strings; cheaper than walking the parsed value, and it runs before the parser does.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i++;
      else if (code === 34 /* " */) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 123 /* { */ || code === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (code === 125 /* } */ || code === 93 /* ] */) depth--;
  }
  return false;
}

function parseJson<S extends z.ZodType>(text: string, schema: S, allowEmpty: boolean): z.output<S> {
  if (allowEmpty && text.trim() === '') return schema.parse({});
  // Fewer characters than levels cannot nest past the bound: most plugin calls skip the scan.
  if (text.length > MAX_JSON_DEPTH && nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new ApiError('INVALID_JSON', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
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

async function parseMultipart(bytes: Uint8Array<ArrayBuffer>, type: string): Promise<FormData> {
  try {
    return await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new ApiError('BAD_REQUEST', 'The multipart form body is malformed');
  }
}

/** Parses an application/x-www-form-urlencoded body (OAuth2 password form) and validates it. */
export async function readForm<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded');
  }
  // Multipart is parsed from bytes read under the limit: Request.formData() would buffer any size first.
  const form = type.includes('multipart/form-data') ? await parseMultipart(await readBytes(request), type) : new URLSearchParams(await readText(request));
  return schema.parse(Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string')));
}

/** Validates the query string: 422 naming the parameter when the schema refuses it. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return schema.parse(Object.fromEntries(new URL(request.url).searchParams));
}
