/**
 * Managed connectors against a gateway on loopback (a real node:http server speaking the gateway's API):
 * what each call sends, and what it answers on success, after 429 and 503, on a timeout, a malformed
 * answer, and with the gateway down. No gateway problem may escape as an exception.
 */
import { describe, expect, it } from 'vitest';
import type { Identity } from '@/lib/auth/identity';
import {
  createGatewayClient,
  managedBilling,
  managedCommunity,
  managedDiscovery,
  managedFunding,
  managedGrowth,
  managedHosting,
  managedIdentity,
  managedPayment,
  managedSocial,
  type ConnectorBinding,
  type GatewayClient,
} from '@/lib/connectors';
import { logger } from '@/lib/runtime/logger';
import { GATEWAY_DATA, gatewayPerFile } from '../support/gateway';
import { freePort } from '../support/server';

const identity: Identity = { app_id: 'acme', user_id: 'u1', username: 'ada', email: null, roles: ['user'], is_superadmin: false, user_jwt: 'user-token-123', auth_method: 'local' };
const binding: ConnectorBinding = { appId: 'acme', identity, caller: { userJwt: 'user-token-123', correlationId: 'corr-42' } };

/** Short delays so the retry cases take milliseconds; the policy is what is under test, not the wall clock. */
function client(overrides: Partial<Parameters<typeof createGatewayClient>[0]> = {}): GatewayClient {
  return createGatewayClient({ baseUrl: gateway().url, apiKey: 'app-key-1', timeoutMs: 1_000, retries: 2, baseDelayMs: 5, maxDelayMs: 20, ...overrides });
}

const gateway = gatewayPerFile();

describe('on success', () => {
  it('sends the correlation id, the user token and the app key, and answers the validated data', async () => {
    const apps = await managedHosting(client(), binding).listApps();
    expect(apps).toEqual({ available: true, apps: GATEWAY_DATA.apps });
    const [request] = gateway().requestsTo('GET /api/hosting/apps');
    expect(request?.headers).toMatchObject({ 'x-correlation-id': 'corr-42', authorization: 'Bearer user-token-123', 'x-mozaiks-app-key': 'app-key-1' });
  });

  it('sends no Authorization header for a caller without a token', async () => {
    await managedHosting(client(), { ...binding, caller: { userJwt: null, correlationId: 'c' } }).listApps();
    expect(gateway().requests[0]?.headers.authorization).toBeUndefined();
  });

  it('covers every service', async () => {
    const c = client();
    expect(await managedDiscovery(c, binding).search({ query: 'bookkeeping' })).toEqual({ available: true, apps: [GATEWAY_DATA.directory[1]], total: 1 });
    expect(gateway().requests.at(-1)?.query).toEqual({ q: 'bookkeeping', limit: '20' });
    expect(await managedSocial(c, binding).share({ text: 'hello' })).toEqual({ ok: true, id: 'share-1' });
    expect(await managedCommunity(c, binding).listPosts()).toEqual({ available: true, posts: GATEWAY_DATA.posts });
    expect(await managedGrowth(c, binding).metrics({ period: '7d' })).toEqual({ available: true, metrics: { ...GATEWAY_DATA.metrics, period: '7d' } });
    expect(await managedFunding(c, binding).getCampaign('c1')).toEqual({ available: true, campaign: GATEWAY_DATA.campaigns[0] });
    expect(await managedIdentity(c, binding).getUser('u9')).toMatchObject({ available: true, user: { user_id: 'u9', roles: ['user', 'platform_member'] } });
    expect(await managedIdentity(c, binding).getUser('missing')).toEqual({ available: true, user: null });
    expect(await managedIdentity(c, binding).checkPermission({ user_id: 'u9', permission: 'role:platform_member' })).toMatchObject({ allowed: true, reason: 'has_role' });
    expect(await managedIdentity(c, binding).updateRoles('u9', ['user', 'editor'])).toEqual({ ok: true, roles: ['user', 'editor'] });
    expect(gateway().requestsTo('PUT /api/identity/users/:id/roles')[0]?.body).toEqual({ roles: ['user', 'editor'] });
    expect(await managedBilling(c, binding).getSubscriptionStatus('u9')).toMatchObject({ available: true, subscription: { plan: 'pro', active: true } });
    expect(await managedBilling(c, binding).checkFeatureAccess({ user_id: 'u9', plugin: 'notes', feature: 'export' })).toMatchObject({ allowed: true, tier: 'pro' });
    expect(await managedBilling(c, binding).getUsage('u9')).toMatchObject({ available: true, usage: { usage: [{ plugin: 'notes', used: 12 }] } });
  });

  it('speaks the original payment API', async () => {
    const payment = managedPayment(client(), binding);
    expect(await payment.checkout({ scope: 'app', appId: 'acme', plan: 'pro' })).toEqual({ ok: true, checkoutUrl: 'https://pay.platform.example/session/cs_123', sessionId: 'cs_123' });
    expect(gateway().requestsTo('POST /api/mozaiks/pay/checkout')[0]?.body).toEqual({ scope: 'app', appId: 'acme', plan: 'pro', metadata: {} });
    expect(await payment.subscriptionStatus({ scope: 'app', appId: 'acme' })).toEqual({
      scope: 'app', appId: 'acme', active: true, status: 'active', plan: 'pro', currentPeriodEnd: '2026-12-31T00:00:00Z', cancelAtPeriodEnd: false, unavailableReason: null,
    });
    expect(gateway().requestsTo('GET /api/mozaiks/pay/subscription-status')[0]?.query).toEqual({ scope: 'app', appId: 'acme' });
    expect(await payment.cancel({ scope: 'platform' })).toEqual({ ok: true });
  });
});

describe('retries', () => {
  it('retries a read after 429 and after 503, then answers the data', async () => {
    gateway().script('GET /api/hosting/apps', { status: 429, body: { detail: 'slow down' } }, { status: 503, body: {} });
    expect(await managedHosting(client(), binding).listApps()).toEqual({ available: true, apps: GATEWAY_DATA.apps });
    expect(gateway().requestsTo('GET /api/hosting/apps')).toHaveLength(3);
    // Every attempt carries the same correlation id, so the gateway's logs show one action.
    expect(new Set(gateway().requests.map((request) => request.headers['x-correlation-id']))).toEqual(new Set(['corr-42']));
  });

  it('gives up after the configured retries and degrades', async () => {
    gateway().script('GET /api/mozaiks/pay/subscription-status', { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const status = await managedPayment(client({ retries: 2 }), binding).subscriptionStatus({ scope: 'platform' });
    expect(status).toEqual({ scope: 'platform', appId: null, active: false, status: 'unavailable', plan: null, currentPeriodEnd: null, cancelAtPeriodEnd: false, unavailableReason: 'gateway_error' });
    expect(gateway().requestsTo('GET /api/mozaiks/pay/subscription-status')).toHaveLength(3);
  });

  it('waits for the gateway\'s Retry-After (capped) before trying again', async () => {
    gateway().script('GET /api/funding/campaigns', { status: 429, headers: { 'retry-after': '1' } });
    const started = performance.now();
    expect((await managedFunding(client({ maxDelayMs: 300 }), binding).listCampaigns()).available).toBe(true);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(900);
  });

  it('does not retry a client error', async () => {
    gateway().script('GET /api/hosting/apps', { status: 400, body: { detail: 'bad' } });
    expect(await managedHosting(client(), binding).listApps()).toEqual({ available: false, reason: 'gateway_error' });
    expect(gateway().requests).toHaveLength(1);
  });

  it('reports 401 and 403 as forbidden', async () => {
    gateway().script('GET /api/hosting/apps', { status: 403, body: { detail: 'no' } });
    expect(await managedHosting(client(), binding).listApps()).toEqual({ available: false, reason: 'forbidden' });
  });

  it('sends checkout, cancel, role changes, shares, posts and events once, whatever the gateway answers', async () => {
    const c = client();
    for (const route of ['POST /api/mozaiks/pay/checkout', 'POST /api/mozaiks/pay/cancel', 'PUT /api/identity/users/:id/roles', 'POST /api/social/shares', 'POST /api/community/posts', 'POST /api/growth/events']) {
      gateway().script(route, { status: 503 }, { status: 503 });
    }
    expect(await managedPayment(c, binding).checkout({ scope: 'platform' })).toEqual({ ok: false, reason: 'gateway_error' });
    expect(await managedPayment(c, binding).cancel({ scope: 'platform' })).toEqual({ ok: false, reason: 'gateway_error' });
    expect(await managedIdentity(c, binding).updateRoles('u1', ['user'])).toEqual({ ok: false, reason: 'gateway_error' });
    expect(await managedSocial(c, binding).share({ text: 'hi' })).toEqual({ ok: false, reason: 'gateway_error' });
    expect(await managedCommunity(c, binding).createPost({ title: 'Hi' })).toEqual({ ok: false, reason: 'gateway_error' });
    expect(await managedGrowth(c, binding).trackEvent({ name: 'signed_up' })).toEqual({ ok: false, reason: 'gateway_error' });
    expect(gateway().requests).toHaveLength(6);
  });

  it('does not retry a write whose connection dropped (it may have been applied)', async () => {
    gateway().script('POST /api/mozaiks/pay/checkout', { destroy: true });
    expect(await managedPayment(client(), binding).checkout({ scope: 'platform' })).toEqual({ ok: false, reason: 'gateway_unreachable' });
    expect(gateway().requests).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('gives up at the timeout, without retrying, and degrades', async () => {
    gateway().script('GET /api/mozaiks/pay/subscription-status', { delayMs: 1_000, body: { active: true, status: 'active' } });
    const started = performance.now();
    const status = await managedPayment(client({ timeoutMs: 150 }), binding).subscriptionStatus({ scope: 'app', appId: 'acme' });
    expect(performance.now() - started).toBeLessThan(800);
    expect(status).toMatchObject({ scope: 'app', appId: 'acme', active: false, status: 'unavailable', unavailableReason: 'gateway_timeout' });
    expect(gateway().requests).toHaveLength(1);
  });

  it('fails a permission check closed', async () => {
    gateway().script('POST /api/identity/check-permission', { delayMs: 1_000, body: { allowed: true } });
    expect(await managedIdentity(client({ timeoutMs: 100 }), binding).checkPermission({ user_id: 'u1', permission: 'superadmin' })).toEqual({
      user_id: 'u1', permission: 'superadmin', allowed: false, reason: 'gateway_timeout',
    });
  });
});

describe('malformed answers', () => {
  it('treats a body that is not JSON as invalid, without retrying', async () => {
    gateway().script('GET /api/hosting/apps', { raw: '<html>502 Bad Gateway</html>' });
    expect(await managedHosting(client(), binding).listApps()).toEqual({ available: false, reason: 'invalid_response' });
    expect(gateway().requests).toHaveLength(1);
  });

  it('treats JSON of the wrong shape as invalid', async () => {
    gateway().script('GET /api/hosting/apps', { body: { apps: [{ app_id: 7 }] } });
    expect(await managedHosting(client(), binding).listApps()).toEqual({ available: false, reason: 'invalid_response' });
    gateway().script('POST /api/mozaiks/pay/checkout', { body: { checkoutUrl: 'not a url', sessionId: '' } });
    expect(await managedPayment(client(), binding).checkout({ scope: 'platform' })).toEqual({ ok: false, reason: 'invalid_response' });
    gateway().script('POST /api/billing/feature-access', { body: { allowed: 'yes' } });
    expect(await managedBilling(client(), binding).checkFeatureAccess({ user_id: 'u1', plugin: 'notes' })).toMatchObject({ allowed: false, reason: 'invalid_response' });
  });

  it('keeps fields the gateway adds (its models allow extras)', async () => {
    gateway().script('POST /api/mozaiks/pay/cancel', { body: { ok: true, refund: 'none' } });
    expect(await managedPayment(client(), binding).cancel({ scope: 'platform' })).toEqual({ ok: true });
    gateway().script('GET /api/hosting/apps/:id', { body: { ...GATEWAY_DATA.apps[0], replicas: 3 } });
    expect(await managedHosting(client(), binding).getApp('acme_crm')).toMatchObject({ available: true, app: { replicas: 3 } });
  });

  it('reports a cancel the gateway refused ({ok: false}) as not done', async () => {
    gateway().script('POST /api/mozaiks/pay/cancel', { body: { ok: false } });
    expect(await managedPayment(client(), binding).cancel({ scope: 'platform' })).toEqual({ ok: false, reason: 'gateway_error' });
  });
});

describe('gateway down', () => {
  it('answers "unreachable" for every service after retrying reads', async () => {
    const down = createGatewayClient({ baseUrl: `http://127.0.0.1:${await freePort()}`, timeoutMs: 1_000, retries: 2, baseDelayMs: 5, maxDelayMs: 20 });
    const unreachable = { available: false, reason: 'gateway_unreachable' };
    expect(await managedHosting(down, binding).listApps()).toEqual(unreachable);
    expect(await managedDiscovery(down, binding).featured()).toEqual(unreachable);
    expect(await managedSocial(down, binding).feed()).toEqual(unreachable);
    expect(await managedCommunity(down, binding).listPosts()).toEqual(unreachable);
    expect(await managedGrowth(down, binding).metrics()).toEqual(unreachable);
    expect(await managedFunding(down, binding).listCampaigns()).toEqual(unreachable);
    expect(await managedIdentity(down, binding).getRoles('u1')).toEqual(unreachable);
    expect(await managedBilling(down, binding).getUsage('u1')).toEqual(unreachable);
    expect(await managedPayment(down, binding).checkout({ scope: 'platform' })).toEqual({ ok: false, reason: 'gateway_unreachable' });
    expect(await managedPayment(down, binding).subscriptionStatus({ scope: 'platform' })).toMatchObject({ active: false, status: 'unavailable', unavailableReason: 'gateway_unreachable' });
    expect(logger.warn).toHaveBeenCalledWith('connector.gateway_failed', expect.objectContaining({ kind: 'unreachable', attempts: 3, path: '/api/hosting/apps', correlation_id: 'corr-42' }));
    expect(logger.warn).toHaveBeenCalledWith('connector.gateway_failed', expect.objectContaining({ kind: 'unreachable', attempts: 1, path: '/api/mozaiks/pay/checkout' }));
  });
});
