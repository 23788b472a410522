/**
 * Finding 4 of the hardening issue: JSON bodies over 1 MB got 413, but multipart posts to the
 * unauthenticated /api/auth/token were buffered whole (three of 200 MB took the server from 0.5 to
 * 1.6 GB), and JSON nested 10,000 levels deep ended in a 500. Every body is now limited while it
 * streams, whatever its type or framing, and deep nesting is refused with 400.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '@/lib/http/body';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer, type ServerMode } from '../support/server';

/** The status and body of a raw HTTP/1.1 answer, once all of it has arrived (by its length, its last chunk, or the socket closing). */
function parseAnswer(raw: string, closed: boolean): { status: number; body: string } | undefined {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = raw.slice(0, headEnd);
  const rest = raw.slice(headEnd + 4);
  const status = Number(head.split(' ')[1]);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) return rest.length >= Number(length[1]) ? { status, body: rest.slice(0, Number(length[1])) } : undefined;
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    if (!rest.includes('\r\n0\r\n\r\n') && !rest.startsWith('0\r\n')) return closed ? { status, body: '' } : undefined;
    let body = '';
    for (let at = 0; ; ) {
      const lineEnd = rest.indexOf('\r\n', at);
      const size = parseInt(rest.slice(at, lineEnd), 16);
      if (!size) break;
      body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return { status, body };
  }
  return closed ? { status, body: rest } : undefined;
}

/**
 * Streams `total` bytes of body over a raw socket (chunked, or with a declared length) while reading
 * what comes back, and resolves with the answer as soon as it has arrived — however much was sent.
 */
function streamBody(
  url: string,
  options: { total: number; contentType: string; declareLength?: boolean; headers?: Record<string, string>; prefix?: string; readAfterMs?: number },
) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    const chunked = !options.declareLength;
    const headers = {
      host: `${hostname}:${port}`,
      'content-type': options.contentType,
      ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(options.total) }),
      ...options.headers,
    };
    const frame = (data: Buffer | string) => (chunked ? Buffer.concat([Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`), Buffer.from(data), Buffer.from('\r\n')]) : Buffer.from(data));
    const chunk = frame(Buffer.alloc(64 * 1024, 'a'));
    let sent = 0;
    let raw = '';
    let settled = false;
    const finish = (closed: boolean) => {
      const answer = parseAnswer(raw, closed);
      if (settled || !answer) return;
      settled = true;
      socket.destroy();
      resolve({ ...answer, sent });
    };
    socket.on('data', (data: Buffer) => {
      raw += data.toString('latin1');
      finish(false);
    });
    socket.on('close', () => (settled ? undefined : parseAnswer(raw, true) ? finish(true) : reject(new Error(`${pathname}: closed without an answer after ${sent} bytes (received ${JSON.stringify(raw.slice(0, 300))})`))));
    // Writing after the server answered and closed fails; the answer is what matters.
    socket.on('error', () => {});
    // A busy client reads late; the answer must still be there when it does (the server's
    // connection reset after an answer used to destroy it: lib/server/lingering-close.ts).
    if (options.readAfterMs) {
      socket.pause();
      setTimeout(() => socket.resume(), options.readAfterMs);
    }
    socket.write(`POST ${pathname} HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`);
    if (options.prefix) socket.write(frame(options.prefix));
    const pump = () => {
      while (sent < options.total && !socket.destroyed && !settled) {
        sent += 64 * 1024;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      if (!socket.destroyed && !settled && chunked) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

const BIG = 50 * 1024 * 1024;
const MULTIPART = 'multipart/form-data; boundary=XYZ';
const MULTIPART_START = '--XYZ\r\nContent-Disposition: form-data; name="username"\r\n\r\n';

describe.each<ServerMode>(['custom', 'next-start'])('bodies on %s', (mode) => {
  let server: RunningServer;
  let bearer: Record<string, string>;
  // How late the client reads the answer. The custom server keeps a refused connection readable
  // (lib/server/lingering-close.ts); under `next start` Next owns the socket, and a host's proxy fronts it.
  const lateReader = mode === 'custom' ? 300 : 0;

  beforeAll(async () => {
    server = await startServer({ mode });
    bearer = (await registerAccount(server.url)).headers;
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a chunked multipart body past the limit with 413 before reading it all', async () => {
    const answer = await streamBody(`${server.url}/api/auth/token`, { total: BIG, contentType: MULTIPART, prefix: MULTIPART_START, readAfterMs: lateReader });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
    expect(answer.sent).toBeLessThan(BIG);
  });

  it('refuses a declared length past the limit with 413', async () => {
    const answer = await streamBody(`${server.url}/api/auth/token`, { total: BIG, contentType: MULTIPART, declareLength: true, prefix: MULTIPART_START, readAfterMs: lateReader });
    expect(answer.status).toBe(413);
  });

  it('refuses large chunked JSON, text and Auth.js form posts with 413', async () => {
    for (const [path, contentType, headers] of [
      ['/api/update-profile', 'application/json', bearer],
      ['/api/execute/task_manager', 'text/plain', bearer],
      ['/api/auth/callback/credentials', 'application/x-www-form-urlencoded', {}],
    ] as const) {
      const answer = await streamBody(`${server.url}${path}`, { total: 4 * MAX_BODY_BYTES, contentType, headers, readAfterMs: lateReader });
      expect(answer.status, path).toBe(413);
    }
  });

  it('answers 400 to JSON nested deeper than the bound, and still parses a reasonable nesting', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const refused = await fetch(`${server.url}/api/execute/task_manager`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: `{"action":"list","data":${deep}}`,
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error_code: 'INVALID_JSON' });
    const nested = `${'{"a":'.repeat(20)}1${'}'.repeat(20)}`;
    const accepted = await fetch(`${server.url}/api/execute/task_manager`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: `{"action":"list","extra":${nested}}`,
    });
    expect(accepted.status).toBe(200);
  });
});
