import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https, { type Agent } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { importJWK, jwtVerify } from 'jose';

/** http_ece ships no types; this is the one call the peer makes. */
interface HttpEce {
  decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }): Buffer;
}
const ece = createRequire(import.meta.url)('http_ece') as HttpEce;

/** What a browser's `PushSubscription.toJSON()` gives the app. */
export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** One request to a push endpoint, whatever the peer answered. */
export interface PushRequest {
  endpoint: string;
  status: number;
  /** Why the peer refused the request; null when it was accepted (or answered as told by `respondWith`). */
  refusal: string | null;
  /** The verified VAPID claims. */
  claims: { aud: string; sub: string; exp: number } | null;
  ttl: number | null;
  urgency: string | null;
  /** The decrypted payload, parsed as JSON. */
  payload: unknown;
}

export interface PushPeer {
  /** The push service's origin, `https://127.0.0.1:<port>`. */
  origin: string;
  /** A new browser registration whose pushes this peer can decrypt. */
  subscribe: () => BrowserSubscription;
  /** Answers every later push to `endpoint` with `status` (410: the browser unsubscribed). */
  respondWith: (endpoint: string, status: number) => void;
  /** Every request, oldest first; delivered pushes have status 201. */
  received: PushRequest[];
  close: () => Promise<void>;
}

/** RFC 8292: a VAPID token may not be valid for more than 24 hours. */
const MAX_VAPID_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * A throw-away certificate for 127.0.0.1, made with the openssl CLI: web-push always speaks HTTPS,
 * whatever the endpoint's scheme, so the push service must be a TLS server the process trusts.
 */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mozaiks-push-tls-'));
  try {
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } catch (error) {
    throw new Error(`The push peer needs the openssl CLI to make its TLS certificate: ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Verifies `Authorization: vapid t=<jwt>, k=<public key>` as a push service does (RFC 8292). */
async function verifyVapid(header: string | undefined, options: { audience: string; subject: string; applicationServerKey: string }) {
  const match = /^vapid t=([\w.-]+),\s*k=([\w-]+)$/.exec(header ?? '');
  if (!match) throw new Error(`no VAPID authorization (${header ?? 'none'})`);
  const [, token, k] = match as unknown as [string, string, string];
  if (k !== options.applicationServerKey) throw new Error('k is not the key the browser subscribed with');
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('k is not an uncompressed P-256 point');
  const key = await importJWK({ kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, 'ES256');
  const { payload } = await jwtVerify(token, key, {
    algorithms: ['ES256'],
    audience: options.audience,
    subject: options.subject,
    requiredClaims: ['aud', 'exp', 'sub'],
  });
  const exp = payload.exp!;
  if (exp > Date.now() / 1000 + MAX_VAPID_LIFETIME_SECONDS) throw new Error('exp is more than 24 hours away');
  return { aud: options.audience, sub: payload.sub!, exp };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A push service on loopback (HTTPS): hands out browser-like subscriptions, and for each push checks
 * the VAPID token against the application server key and contact (`subject`), requires TTL and
 * `Content-Encoding: aes128gcm`, and decrypts the payload with the browser's keys (RFC 8291).
 *
 * While it runs, the process's default HTTPS agent trusts its certificate (web-push uses that agent).
 */
export async function startPushPeer(options: { applicationServerKey: string; subject: string }): Promise<PushPeer> {
  const tls = selfSignedCertificate();
  const browsers = new Map<string, { ecdh: ECDH; auth: string }>();
  const forced = new Map<string, number>();
  const received: PushRequest[] = [];
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const endpoint = `${origin}${req.url ?? ''}`;
    const body = await readBody(req);
    const request: PushRequest = { endpoint, status: 0, refusal: null, claims: null, ttl: null, urgency: null, payload: null };
    received.push(request);
    const reply = (status: number, refusal: string | null = null) => {
      request.status = status;
      request.refusal = refusal;
      res.writeHead(status, status === 201 ? { location: `${endpoint}/messages/${randomBytes(8).toString('hex')}` } : {});
      res.end(refusal ?? '');
    };

    const browser = browsers.get(req.url ?? '');
    if (req.method !== 'POST' || !browser) return reply(404, 'no such subscription');
    const status = forced.get(endpoint);
    if (status !== undefined) return reply(status);
    try {
      request.claims = await verifyVapid(req.headers.authorization, { audience: origin, subject: options.subject, applicationServerKey: options.applicationServerKey });
    } catch (error) {
      return reply(403, `VAPID: ${(error as Error).message}`);
    }
    const ttl = req.headers.ttl;
    if (typeof ttl !== 'string' || !/^\d+$/.test(ttl)) return reply(400, 'TTL header missing or invalid');
    request.ttl = Number(ttl);
    request.urgency = typeof req.headers.urgency === 'string' ? req.headers.urgency : null;
    if (req.headers['content-encoding'] !== 'aes128gcm') return reply(415, `Content-Encoding ${req.headers['content-encoding'] ?? 'none'} is not aes128gcm`);
    try {
      request.payload = JSON.parse(ece.decrypt(body, { version: 'aes128gcm', privateKey: browser.ecdh, authSecret: browser.auth }).toString('utf8'));
    } catch (error) {
      return reply(400, `payload: ${(error as Error).message}`);
    }
    reply(201);
  };

  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `https://127.0.0.1:${port}`;

  const agent: Agent = https.globalAgent;
  const previousCa = agent.options.ca;
  agent.options.ca = [...rootCertificates, tls.cert];

  return {
    origin,
    subscribe: () => {
      const id = randomBytes(12).toString('base64url');
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      browsers.set(`/push/${id}`, { ecdh, auth });
      return { endpoint: `${origin}/push/${id}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } };
    },
    respondWith: (endpoint, status) => forced.set(endpoint, status),
    received,
    close: async () => {
      if (previousCa === undefined) delete agent.options.ca;
      else agent.options.ca = previousCa;
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
