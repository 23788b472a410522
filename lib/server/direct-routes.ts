/**
 * The endpoints the custom server answers without Next's router: in production, every endpoint of
 * the table (lib/api/table.ts) that does not say `direct: false`. Each is served by its own
 * handler — the same route() wrapper, the same answers as through Next. What is skipped is Next's
 * per-request machinery — route matching, rewrites, its request and response adapters — about 1 ms
 * a request on a two-core machine, more than most handlers take — and the Web body streams of a
 * Request and a Response: the handler gets a NodeRequest over what Node parsed, and its JSON answer
 * (route()'s `answer`) is written to the socket as it is (docs/performance.md). `next start` and
 * serverless hosts serve the same endpoints through the generated route files.
 * (The benchmarks' bare handler is also served here, as `/api/bench-direct/{answer}`, so the
 * Director can be measured against a bare handler that skips the same machinery.)
 *
 * Production only: in development, edits reach the endpoints through Next's hot reload.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createRouter } from '@/lib/api/router';
import { getEnv } from '@/lib/env';
import { MAX_BODY_BYTES } from '@/lib/http/body';
import { NodeRequest } from '@/lib/http/node-request';
import { errorAnswer, type JsonAnswer } from '@/lib/http/respond';
import type { RouteAnswer } from '@/lib/http/route';
import { answerSecurityHeaders } from '@/lib/http/security-headers';
import { RUNTIME_VERSION, RUNTIME_VERSION_HEADER } from '@/lib/runtime/version';
import { closeAfterAnswer } from './lingering-close';

type Params = Record<string, string>;

/** A route served directly: a method, a templated path (`/api/execute/{plugin}`), and what answers it. */
export interface DirectRoute {
  method: string;
  path: string;
  /** route()'s `answer`, or one answering the same way. Method syntax: one typed for its own params fits. */
  answer(request: Request, params: Params): Promise<RouteAnswer>;
}

/**
 * What next.config.ts (and route(), for Strict-Transport-Security) set on every answer Next serves, built
 * at the first answer (the environment is loaded by then); each answer only copies it.
 */
let answerHeaders: Readonly<Record<string, string>> | undefined;
const headersForAnswers = () => (answerHeaders ??= { [RUNTIME_VERSION_HEADER.toLowerCase()]: RUNTIME_VERSION, ...answerSecurityHeaders(getEnv().security) });

/** Methods whose requests carry a body the handler reads. */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Matches requests against the routes; what matches none (other paths, other methods, OPTIONS) is Next's. */
export function directRoutes(routes: readonly DirectRoute[]) {
  const match = createRouter(routes);
  /** Serves `req` when a route matches and returns true; false leaves it to Next. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url;
    if (!url || url[0] !== '/') return false;
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? '');
    const found = match(method, path);
    if (!found) return false;
    void serve(req, res, found.route, found.params);
    return true;
  };
}

/**
 * The body, or its first MAX_BODY_BYTES + 1 bytes: enough for the route to answer 413 itself (with
 * the headers every answer carries) without holding a huge body in memory. (Listeners and one
 * promise: an async iterator over the request cost a tenth of a plugin call.)
 */
function readBody(req: IncomingMessage): Promise<{ body: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return;
      done();
      // The rest is dropped as it comes (closeAfterAnswer), never kept.
      req.pause();
      resolve({ body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1), truncated: true });
    };
    const onEnd = () => {
      done();
      resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), truncated: false });
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    // A client that hangs up mid-body: closed without an end.
    const onClose = () => onError(new Error('The client closed the request before its body ended'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Writes a JSON answer as it is; its headers object is the answer's own, completed in place. */
export function writeJsonAnswer(res: ServerResponse, answer: JsonAnswer): void {
  const { headers } = answer;
  Object.assign(headers, headersForAnswers());
  headers['content-length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  Object.assign(headers, headersForAnswers());
  if (response.body && response.headers.get('content-type')?.startsWith('text/event-stream')) return streamResponse(res, response.status, headers, response.body);
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/** Resolves when the response can take more, or is gone. */
function writable(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

/** An event stream goes out as it is written, and is cancelled when the client goes away. */
async function streamResponse(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: ReadableStream<Uint8Array>): Promise<void> {
  res.writeHead(status, headers);
  res.flushHeaders();
  const reader = body.getReader();
  res.once('close', () => void reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read();
    if (done || res.destroyed) break;
    // Past the socket's buffer, wait for the client to read; a client that never does is closed by the stream itself.
    if (!res.write(value)) await writable(res);
  }
  res.end();
}

function send(res: ServerResponse, answer: RouteAnswer): void | Promise<void> {
  return answer instanceof Response ? sendResponse(res, answer) : writeJsonAnswer(res, answer);
}

const NO_BODY = { body: Buffer.alloc(0), truncated: false };

async function serve(req: IncomingMessage, res: ServerResponse, route: DirectRoute, params: Params): Promise<void> {
  try {
    const { body, truncated } = WITH_BODY.has(route.method) ? await readBody(req) : NO_BODY;
    // The rest of an oversized body is dropped, and the connection closes after the answer.
    if (truncated) closeAfterAnswer(req, res);
    const request = new NodeRequest(`http://${req.headers.host ?? 'localhost'}${req.url}`, route.method, req.headers, body.toString('utf8'));
    await send(res, await route.answer(request, params));
  } catch (error) {
    // Route handlers answer their errors themselves; this is for a failure around them (a client that hung up mid-body).
    if (res.headersSent || res.destroyed) return void res.destroy();
    writeJsonAnswer(res, errorAnswer(error, { method: route.method, path: req.url ?? '' }));
  }
}
