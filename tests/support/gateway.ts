/**
 * A platform gateway on loopback: a real node:http server speaking the gateway's HTTP API (the paths
 * the managed connectors call), with a realistic answer for each route. Specs script what a route
 * answers next (a status, a malformed body, a delay, a dropped connection) and read what it received.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import type { Identity } from '@/lib/auth/identity';
import { logger } from '@/lib/runtime/logger';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** One scripted answer. */
export interface Answer {
  status?: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, instead of `body` (for malformed answers). */
  raw?: string;
  headers?: Record<string, string>;
  /** Waits this long before answering (for timeouts). */
  delayMs?: number;
  /** Drops the connection without an answer. */
  destroy?: boolean;
}

/** What the gateway answers when nothing is scripted: a small, plausible platform. */
export const GATEWAY_DATA = {
  apps: [
    { app_id: 'acme_crm', name: 'Acme CRM', status: 'running', url: 'https://crm.acme.example', plan: 'pro', region: 'eu-west', updated_at: '2026-11-30T10:00:00Z' },
    { app_id: 'acme_blog', name: 'Acme Blog', status: 'stopped', url: null, plan: 'free', region: 'us-east', updated_at: '2026-11-28T08:30:00Z' },
  ],
  directory: [
    { app_id: 'taskflow', name: 'Taskflow', description: 'Kanban boards for small teams.', url: 'https://taskflow.example', category: 'productivity' },
    { app_id: 'ledgerly', name: 'Ledgerly', description: 'Bookkeeping for freelancers.', url: 'https://ledgerly.example', category: 'finance' },
  ],
  feed: [{ id: 'p1', author: 'ada', text: 'Shipped our first release!', url: null, created_at: '2026-11-30T09:00:00Z' }],
  posts: [{ id: 't1', title: 'Welcome to the community', author: 'moderator', replies: 3, created_at: '2026-11-20T12:00:00Z' }],
  metrics: { period: '30d', visitors: 1200, signups: 84, active_users: 310, conversion_rate: 0.07 },
  campaigns: [{ id: 'c1', title: 'Seed round', status: 'open', currency: 'USD', goal_amount: 50000, raised_amount: 12500, ends_at: '2027-01-31T00:00:00Z' }],
} as const;

type Handler = (request: RecordedRequest) => Answer;

/** The `limit` query parameter, as the platform's list routes read it (default 20). */
function limitOf(query: Record<string, string>): number {
  return Number(query.limit ?? 20);
}

function user(id: string) {
  return { user_id: id, username: `platform_${id}`, email: `${id}@platform.example`, full_name: 'Platform User', roles: ['user', 'platform_member'], is_superadmin: false, disabled: false, auth_provider: 'platform', created_at: '2026-01-01T00:00:00Z' };
}

/** Routes by "METHOD /path" with `:param` segments. */
const ROUTES: [string, Handler][] = [
  ['GET /api/hosting/apps', () => ({ body: { apps: GATEWAY_DATA.apps } })],
  ['GET /api/hosting/apps/:id', ({ path }) => {
    const app = GATEWAY_DATA.apps.find((candidate) => candidate.app_id === path.split('/').at(-1));
    return app ? { body: app } : { status: 404, body: { detail: 'App not found' } };
  }],
  ['GET /api/discovery/apps', ({ query }) => {
    const q = (query.q ?? '').toLowerCase();
    const apps = GATEWAY_DATA.directory.filter((app) => !q || `${app.name} ${app.description}`.toLowerCase().includes(q));
    return { body: { apps: apps.slice(0, limitOf(query)), total: apps.length } };
  }],
  ['GET /api/discovery/featured', () => ({ body: { apps: GATEWAY_DATA.directory.slice(0, 1) } })],
  ['GET /api/social/feed', ({ query }) => ({ body: { items: GATEWAY_DATA.feed.slice(0, limitOf(query)) } })],
  ['POST /api/social/shares', () => ({ status: 201, body: { id: 'share-1' } })],
  ['GET /api/community/posts', ({ query }) => ({ body: { posts: GATEWAY_DATA.posts.slice(0, limitOf(query)) } })],
  ['POST /api/community/posts', () => ({ status: 201, body: { id: 'post-1' } })],
  ['GET /api/growth/metrics', ({ query }) => ({ body: { ...GATEWAY_DATA.metrics, period: query.period ?? '30d' } })],
  ['POST /api/growth/events', () => ({ status: 202, body: {} })],
  ['GET /api/funding/campaigns', () => ({ body: { campaigns: GATEWAY_DATA.campaigns } })],
  ['GET /api/funding/campaigns/:id', ({ path }) => {
    const campaign = GATEWAY_DATA.campaigns.find((candidate) => candidate.id === path.split('/').at(-1));
    return campaign ? { body: campaign } : { status: 404, body: { detail: 'Campaign not found' } };
  }],
  ['GET /api/identity/users/:id', ({ path }) => {
    const id = decodeURIComponent(path.split('/')[4]!);
    return id === 'missing' ? { status: 404, body: { detail: 'User not found' } } : { body: user(id) };
  }],
  ['GET /api/identity/users/:id/roles', ({ path }) => ({ body: { user_id: decodeURIComponent(path.split('/')[4]!), roles: user('x').roles } })],
  ['PUT /api/identity/users/:id/roles', ({ path, body }) => ({ body: { user_id: decodeURIComponent(path.split('/')[4]!), roles: (body as { roles: string[] }).roles } })],
  ['POST /api/identity/check-permission', ({ body }) => {
    const { user_id, permission } = body as { user_id: string; permission: string };
    const allowed = permission === 'role:platform_member';
    return { body: { user_id, permission, allowed, reason: allowed ? 'has_role' : 'missing_role' } };
  }],
  ['GET /api/billing/subscription-status/:id', ({ path }) => ({
    body: { user_id: decodeURIComponent(path.split('/').at(-1)!), monetization: true, plan: 'pro', status: 'active', active: true, is_trial: false, trial_end_date: null, next_billing_date: '2026-12-31T00:00:00Z' },
  })],
  ['POST /api/billing/feature-access', ({ body }) => {
    const { user_id, plugin, feature } = body as { user_id: string; plugin: string; feature?: string };
    return { body: { user_id, plugin, feature: feature ?? null, allowed: true, tier: 'pro', reason: 'feature_enabled' } };
  }],
  ['GET /api/billing/usage/:id', ({ path }) => ({
    body: { user_id: decodeURIComponent(path.split('/').at(-1)!), monetization: true, usage: [{ plugin: 'notes', limit: 'notes_created', type: 'consumable', period: '2026-12', allowed: 100, used: 12, remaining: 88 }] },
  })],
  ['POST /api/mozaiks/pay/checkout', () => ({ body: { checkoutUrl: 'https://pay.platform.example/session/cs_123', sessionId: 'cs_123' } })],
  ['GET /api/mozaiks/pay/subscription-status', ({ query }) => ({
    body: { scope: query.scope, appId: query.appId ?? null, active: true, status: 'active', plan: 'pro', currentPeriodEnd: '2026-12-31T00:00:00Z', cancelAtPeriodEnd: false },
  })],
  ['POST /api/mozaiks/pay/cancel', () => ({ body: { ok: true } })],
];

function match(pattern: string, method: string, path: string): boolean {
  const [patternMethod, patternPath] = pattern.split(' ') as [string, string];
  if (patternMethod !== method) return false;
  const want = patternPath.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((part, index) => part.startsWith(':') || part === got[index]);
}

export interface FakeGateway {
  url: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /** Requests to one route ("GET /api/hosting/apps"). */
  requestsTo(route: string): RecordedRequest[];
  /** The next answers of a route, used up in order before its normal answer returns. */
  script(route: string, ...answers: Answer[]): void;
  /** Forgets requests and scripts. */
  reset(): void;
  close(): Promise<void>;
}

export async function startGateway(options: { port?: number } = {}): Promise<FakeGateway> {
  const requests: RecordedRequest[] = [];
  const scripts = new Map<string, Answer[]>();
  const sockets = new Set<Socket>();

  const answer = (response: ServerResponse, recorded: RecordedRequest) => {
    const route = ROUTES.find(([pattern]) => match(pattern, recorded.method, recorded.path));
    const key = route?.[0] ?? `${recorded.method} ${recorded.path}`;
    const scripted = scripts.get(key)?.shift();
    const reply: Answer = scripted ?? (route ? route[1](recorded) : { status: 404, body: { detail: 'No such gateway route' } });
    const send = () => {
      if (reply.destroy) {
        response.socket?.destroy();
        return;
      }
      if (response.destroyed) return;
      response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      response.end(reply.raw ?? JSON.stringify(reply.body ?? {}));
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  };

  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://gateway');
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const recorded = { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body };
      requests.push(recorded);
      answer(response, recorded);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (route) => requests.filter((request) => match(route, request.method, request.path)),
    script: (route, ...answers) => scripts.set(route, [...(scripts.get(route) ?? []), ...answers]),
    reset: () => {
      requests.length = 0;
      scripts.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * One gateway for a spec file: started before its tests, reset before each (with the warnings the
 * managed connectors log for each expected failure kept out of the output), closed after.
 */
export function gatewayPerFile(): () => FakeGateway {
  let gateway: FakeGateway | undefined;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => gateway?.close());
  beforeEach(() => {
    gateway!.reset();
    vi.spyOn(logger, 'warn').mockImplementation(() => {});
  });
  return () => gateway!;
}

/** The caller the connector specs bind to. */
export const connectorIdentity: Identity = { app_id: 'acme', user_id: 'u1', username: 'ada', email: null, roles: ['user'], is_superadmin: false, user_jwt: 'tok', auth_method: 'local' };
export const connectorBinding = { appId: 'acme', identity: connectorIdentity, caller: { userJwt: 'tok', correlationId: 'c-1' } };
