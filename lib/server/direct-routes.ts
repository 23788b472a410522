/**
 * Routes the custom server answers without Next's router. `POST /api/execute/{plugin}` is the path
 * every plugin call takes; its handler is the route's own (app/api/execute/[plugin]/route.ts,
 * imported by server.ts): the same route() wrapper, the same Director, the same answers. What is
 * skipped is Next's per-request machinery — route matching, rewrites, its request and response
 * adapters — about 1 ms a request on a two-core machine, more than the plugin call itself — and the
 * Web body streams of a Request and a Response: the route gets a NodeRequest over what Node parsed,
 * and its JSON answer (route()'s `answer`) is written to the socket as it is (docs/performance.md).
 * `next start` and serverless hosts serve the same files through Next.
 * (The benchmarks' bare handler is also served here, as `/api/bench-direct/{answer}`, so the
 * Director can be measured against a bare handler that skips the same machinery.)
 *
 * Production only: in development, plugin edits reach the routes through Next's hot reload.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES } from '@/lib/http/body';
import { errorAnswer, type JsonAnswer } from '@/lib/http/respond';
import type { RouteAnswer } from '@/lib/http/route';
import { getEnv } from '@/lib/env';
import { answerSecurityHeaders } from '@/lib/http/security-headers';
import { RUNTIME_VERSION, RUNTIME_VERSION_HEADER } from '@/lib/runtime/version';
import { NodeRequest } from '@/lib/http/node-request';
import { closeAfterAnswer } from './lingering-close';

type Params = Record<string, string>;

/** A route served directly: its path (a prefix, plus one parameter segment when `param` is set) and its handler. */
export interface DirectRoute {
  path: string;
  /** The name of the one path segment after `path`, e.g. `plugin`; without it the path must match exactly. */
  param?: string;
  /** The route's handler (route()'s, or one answering the same way). Method syntax: one typed for its own params (`{plugin: string}`) fits. */
  handler: { answer(request: Request, params: Params): Promise<RouteAnswer> };
}

/** A parameter segment: a plugin name (dots allowed) and nothing more; deeper paths are Next's. */
const SEGMENT = /^[a-z][a-z0-9_.]{0,63}$/;

/**
 * What next.config.ts (and route(), for Strict-Transport-Security) set on every answer Next serves, built
 * at the first answer (the environment is loaded by then); each answer only copies it.
 */
let answerHeaders: Readonly<Record<string, string>> | undefined;
const headersForAnswers = () => (answerHeaders ??= { [RUNTIME_VERSION_HEADER.toLowerCase()]: RUNTIME_VERSION, ...answerSecurityHeaders(getEnv().security) });

/** Matches POST requests against the routes; what matches none is Next's. */
export function directRoutes(routes: DirectRoute[]) {
  const match = (req: IncomingMessage): { route: DirectRoute; params: Params } | undefined => {
    if (req.method !== 'POST' || !req.url) return undefined;
    const path = req.url.split('?')[0]!;
    for (const route of routes) {
      if (!route.param) {
        if (path === route.path) return { route, params: {} };
      } else if (path.startsWith(route.path) && SEGMENT.test(path.slice(route.path.length))) {
        return { route, params: { [route.param]: path.slice(route.path.length) } };
      }
    }
    return undefined;
  };
  /** Serves `req` when a route matches and returns true; false leaves it to Next. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const found = match(req);
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
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

function send(res: ServerResponse, answer: RouteAnswer): void | Promise<void> {
  return answer instanceof Response ? sendResponse(res, answer) : writeJsonAnswer(res, answer);
}

async function serve(req: IncomingMessage, res: ServerResponse, route: DirectRoute, params: Params): Promise<void> {
  try {
    const { body, truncated } = await readBody(req);
    // The rest of an oversized body is dropped, and the connection closes after the answer.
    if (truncated) closeAfterAnswer(req, res);
    const request = new NodeRequest(`http://${req.headers.host ?? 'localhost'}${req.url}`, 'POST', req.headers, body.toString('utf8'));
    await send(res, await route.handler.answer(request, params));
  } catch (error) {
    // Route handlers answer their errors themselves; this is for a failure around them (a client that hung up mid-body).
    if (res.headersSent || res.destroyed) return void res.destroy();
    writeJsonAnswer(res, errorAnswer(error, { method: 'POST', path: req.url ?? '' }));
  }
}
