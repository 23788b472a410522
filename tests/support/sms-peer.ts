import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request to the Messages API, whatever the peer answered. */
export interface SmsRequest {
  method: string;
  path: string;
  /** The account SID of the basic credentials; null without basic auth. */
  authUser: string | null;
  to: string | null;
  from: string | null;
  messagingServiceSid: string | null;
  body: string | null;
  /** The HTTP status the peer answered. */
  status: number;
  /** The message SID, for accepted messages. */
  sid: string | null;
}

export interface SmsPeer {
  /** The API base URL, for SMS_API_BASE_URL. */
  url: string;
  port: number;
  accountSid: string;
  authToken: string;
  /** Every request, oldest first; accepted messages have status 201. */
  received: SmsRequest[];
  /** `To` numbers answered with Twilio's 400 "not a valid phone number" (21211). */
  invalidNumbers: Set<string>;
  close: () => Promise<void>;
}

/** Twilio's magic test number that is never a valid `To`. */
export const INVALID_TO_NUMBER = '+15005550001';

const E164 = /^\+[1-9]\d{1,14}$/;

function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const twilioError = (status: number, code: number, message: string) => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * An HTTP server speaking the part of Twilio's REST API that sends a text:
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, with HTTP basic auth. Answers
 * as Twilio does: 201 with the queued message, or 4xx with `{ code, message, more_info, status }`.
 */
export async function startSmsPeer(): Promise<SmsPeer> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const received: SmsRequest[] = [];
  const invalidNumbers = new Set([INVALID_TO_NUMBER]);
  const messagesPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const form = new URLSearchParams(await readBody(req));
    const credentials = basicCredentials(req.headers.authorization);
    const request: SmsRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      authUser: credentials?.user ?? null,
      to: form.get('To'),
      from: form.get('From'),
      messagingServiceSid: form.get('MessagingServiceSid'),
      body: form.get('Body'),
      status: 0,
      sid: null,
    };
    received.push(request);
    const reply = (status: number, body: Record<string, unknown>) => {
      request.status = status;
      answer(res, status, body);
    };

    if (credentials?.user !== accountSid || credentials.password !== authToken) return reply(401, twilioError(401, 20003, 'Authenticate'));
    if (req.method !== 'POST' || request.path !== messagesPath) {
      return reply(404, twilioError(404, 20404, `The requested resource ${request.path} was not found`));
    }
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return reply(400, twilioError(400, 21601, 'Request body must be form-encoded'));
    }
    if (!request.to || !E164.test(request.to) || invalidNumbers.has(request.to)) {
      return reply(400, twilioError(400, 21211, `The 'To' number ${request.to ?? ''} is not a valid phone number.`));
    }
    if (!request.from && !request.messagingServiceSid) return reply(400, twilioError(400, 21603, "A 'From' phone number is required."));
    if (!request.body) return reply(400, twilioError(400, 21602, 'Message body is required.'));

    const sid = `SM${randomBytes(16).toString('hex')}`;
    request.sid = sid;
    const now = new Date().toUTCString();
    reply(201, {
      sid,
      account_sid: accountSid,
      api_version: '2010-04-01',
      to: request.to,
      from: request.from,
      messaging_service_sid: request.messagingServiceSid,
      body: request.body,
      status: 'queued',
      direction: 'outbound-api',
      num_segments: String(Math.max(1, Math.ceil(request.body.length / 153))),
      num_media: '0',
      date_created: now,
      date_updated: now,
      date_sent: null,
      error_code: null,
      error_message: null,
      price: null,
      price_unit: 'USD',
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answer(res, 500, twilioError(500, 20500, String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    accountSid,
    authToken,
    received,
    invalidNumbers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
