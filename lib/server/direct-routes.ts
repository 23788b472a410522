/**
 * Routes the custom server answers without Next's router. `POST /api/execute/{plugin}` is the path
 * every plugin call takes; its handler is the route's own (app/api/execute/[plugin]/route.ts,
 * imported by server.ts): the same route() wrapper, the same Director, the same answers. What is
 * skipped is Next's per-request machinery — route matching, rewrites, its request and response
 * adapters — about 1 ms a request on a two-core machine, more than the plugin call itself
 * (docs/performance.md). `next start` and serverless hosts serve the same files through Next.
 * (The benchmarks' bare handler is also served here, as `/api/bench-direct/{answer}`, so the
 * Director can be measured against a bare handler that skips the same machinery.)
 *
 * Production only: in development, plugin edits reach the routes through Next's hot reload.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES } from '@/lib/http/body';
import { toErrorResponse } from '@/lib/http/respond';
import { RUNTIME_VERSION, RUNTIME_VERSION_HEADER } from '@/lib/runtime/version';

type Params = Record<string, string>;

/** A route served directly: its path (a prefix, plus one parameter segment when `param` is set) and its handler. */
export interface DirectRoute {
  path: string;
  /** The name of the one path segment after `path`, e.g. `plugin`; without it the path must match exactly. */
  param?: string;
  // Method syntax: a route's handler typed for its own params (`{plugin: string}`) fits.
  handler(request: Request, context: { params: Promise<Params> }): Promise<Response>;
}

/** A parameter segment: a plugin name (dots allowed) and nothing more; deeper paths are Next's. */
const SEGMENT = /^[a-z][a-z0-9_.]{0,63}$/;

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
 * the headers every answer carries) without holding a huge body in memory.
 */
async function readBody(req: IncomingMessage): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1), truncated: true };
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  // What next.config.ts sets on every response Next serves.
  headers[RUNTIME_VERSION_HEADER.toLowerCase()] = RUNTIME_VERSION;
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

async function serve(req: IncomingMessage, res: ServerResponse, route: DirectRoute, params: Params): Promise<void> {
  try {
    const { body, truncated } = await readBody(req);
    // The rest of an oversized body is never read: the connection closes after the answer.
    if (truncated) res.setHeader('connection', 'close');
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    // A plain Request: route() needs nothing of NextRequest, whose URL and cookie parsing was a tenth of a call.
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, { method: 'POST', headers, body: body.toString('utf8') });
    await send(res, await route.handler(request, { params: Promise.resolve(params) }));
  } catch (error) {
    // Route handlers answer their errors themselves; this is for a failure around them (a client that hung up mid-body).
    if (res.headersSent || res.destroyed) return void res.destroy();
    await send(res, toErrorResponse(error, { method: 'POST', path: req.url ?? '' }));
  }
}
