/**
 * The load generator of the HTTP benchmarks: keep-alive HTTP/1.1 connections over raw sockets,
 * each sending one request after another, the request's bytes built once. Node's own HTTP client
 * spent about as much CPU on a request as the server did to answer it; on a two-core machine that
 * capped what could be measured (the server answered faster than the client could ask) and made
 * every ratio look better than it was. This one costs a few microseconds a request, as wrk does:
 * measured against a bare node:http server on the same machine, 24 000–27 000 requests/s
 * where wrk had 25 000–33 000 (docs/performance.md).
 *
 * It reads what a response's framing needs (status, Content-Length or chunked encoding,
 * `Connection: close`) and nothing else. Loopback, plain HTTP only.
 */
import net from 'node:net';

export interface LoadRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Driven {
  /** Milliseconds per 200 answer, from the first byte written to the last byte read. */
  latencies: number[];
  /** Answers other than 200, and connections lost. */
  errors: number;
  /** From the first request sent (all connections open) to the last answer. */
  elapsedMs: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');
const EMPTY = Buffer.alloc(0);

function requestBytes({ url, method = 'GET', headers = {}, body = '' }: LoadRequest): { bytes: Buffer; host: string; port: number } {
  const target = new URL(url);
  if (target.protocol !== 'http:') throw new Error(`the load generator speaks plain HTTP only, not ${url}`);
  const lines = [`${method} ${target.pathname}${target.search} HTTP/1.1`, `host: ${target.host}`];
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'host' && name.toLowerCase() !== 'content-length') lines.push(`${name}: ${value}`);
  if (body || method !== 'GET') lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return { bytes: Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]), host: target.hostname, port: Number(target.port || 80) };
}

/** The end of a chunked body starting at `from` (the byte after the last one), or -1 while incomplete. */
function chunkedEnd(buffer: Buffer, from: number): number {
  let at = from;
  for (;;) {
    const lineEnd = buffer.indexOf(LINE_END, at);
    if (lineEnd < 0) return -1;
    const size = Number.parseInt(buffer.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) throw new Error('malformed chunk size');
    if (size === 0) {
      // The last chunk, then trailers (usually none) and an empty line.
      if (buffer.length >= lineEnd + 4 && buffer[lineEnd + 2] === 13 && buffer[lineEnd + 3] === 10) return lineEnd + 4;
      const end = buffer.indexOf(HEADER_END, lineEnd);
      return end < 0 ? -1 : end + 4;
    }
    at = lineEnd + 2 + size + 2;
    if (at > buffer.length) return -1;
  }
}

/** One response at the start of `buffer`: its status, its length in bytes and whether the server closes after it; undefined while incomplete. */
function parseResponse(buffer: Buffer): { status: number; length: number; closes: boolean } | undefined {
  const headerEnd = buffer.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const head = buffer.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  const closes = /\r\nconnection:\s*close/i.test(head);
  const declared = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (declared) {
    const length = headerEnd + 4 + Number(declared[1]);
    return buffer.length >= length ? { status, length, closes } : undefined;
  }
  if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) {
    const length = chunkedEnd(buffer, headerEnd + 4);
    return length < 0 ? undefined : { status, length, closes };
  }
  if (status === 204 || status === 304) return { status, length: headerEnd + 4, closes };
  throw new Error(`a response without Content-Length or chunked encoding (status ${status})`);
}

function connect(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, noDelay: true });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Sends `request` from `concurrency` connections, each waiting for its answer before the next,
 * for `ms` milliseconds once all are connected. Bounded in time: a connection that stops getting
 * answers is given up at the deadline.
 */
export async function drive(request: LoadRequest, concurrency: number, ms: number): Promise<Driven> {
  const { bytes, host, port } = requestBytes(request);
  const latencies: number[] = [];
  let errors = 0;
  const sockets = await Promise.all(Array.from({ length: concurrency }, () => connect(host, port)));
  const started = performance.now();
  const deadline = started + ms;

  const run = (first: net.Socket) =>
    new Promise<void>((resolve) => {
      let socket = first;
      let pending: Buffer = EMPTY;
      let sentAt = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(giveUp);
        socket.destroy();
        resolve();
      };
      const giveUp = setTimeout(finish, ms + 5_000);
      const send = () => {
        if (performance.now() >= deadline) return finish();
        sentAt = performance.now();
        socket.write(bytes);
      };
      // After the server closed the connection (as it said it would, or not): a new one.
      const replace = () => {
        socket.removeAllListeners();
        socket.destroy();
        pending = EMPTY;
        if (performance.now() >= deadline) return finish();
        connect(host, port).then(
          (fresh) => {
            socket = fresh;
            attach(fresh);
            send();
          },
          () => {
            errors += 1;
            finish();
          },
        );
      };
      const attach = (target: net.Socket) => {
        target.on('data', (chunk: Buffer) => {
          pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
          let response;
          try {
            response = parseResponse(pending);
          } catch {
            errors += 1;
            return replace();
          }
          if (!response) return;
          if (response.status === 200) latencies.push(performance.now() - sentAt);
          else errors += 1;
          pending = pending.subarray(response.length);
          if (response.closes) return replace();
          send();
        });
        target.on('error', () => {});
        target.on('close', () => {
          if (done) return;
          errors += 1;
          replace();
        });
      };
      attach(socket);
      send();
    });

  await Promise.all(sockets.map(run));
  return { latencies, errors, elapsedMs: performance.now() - started };
}
