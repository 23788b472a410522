/**
 * The payment proxy routes (/api/mozaiks/pay/*) over real HTTP: a self-hosted server, and a managed one
 * whose payment connector calls a loopback gateway with the user's token and the request's correlation id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { startGateway, type FakeGateway } from '../support/gateway';
import { jsonClient } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

let selfHosted: RunningServer;
let managed: RunningServer;
let gateway: FakeGateway;
type Account = Awaited<ReturnType<typeof registerAccount>>;
let alice: Account;
let bea: Account;

beforeAll(async () => {
  gateway = await startGateway();
  [selfHosted, managed] = await Promise.all([
    startServer({ env: { MOZAIKS_APP_ID: 'pay_app' } }),
    startServer({ env: { MOZAIKS_APP_ID: 'pay_app', MOZAIKS_HOSTING_MODE: 'hosted', MOZAIKS_GATEWAY_BASE_URL: gateway.url, MOZAIKS_GATEWAY_API_KEY: 'app-key-7', MOZAIKS_GATEWAY_RETRIES: '1' } }),
  ]);
  alice = await registerAccount(selfHosted.url);
  bea = await registerAccount(managed.url);
}, 90_000);
afterAll(async () => {
  await Promise.all([selfHosted?.stop(), managed?.stop()]);
  await gateway?.close();
});

const onSelfHosted = jsonClient(() => selfHosted.url);
const onManaged = jsonClient(() => managed.url);

describe('self-hosted', () => {
  it("has no payment provider, but reports the app's own subscription", async () => {
    expect(await onSelfHosted('/api/mozaiks/pay/checkout', alice.headers, { scope: 'app', appId: 'pay_app', plan: 'pro' })).toMatchObject({
      status: 501,
      body: { error_code: 'PAYMENTS_UNAVAILABLE', reason: 'self_hosted' },
    });
    expect((await onSelfHosted('/api/mozaiks/pay/subscription-status?scope=app&appId=pay_app', alice.headers)).body).toEqual({
      scope: 'app', appId: 'pay_app', active: true, status: 'active', plan: 'unlimited', currentPeriodEnd: null, cancelAtPeriodEnd: false, unavailableReason: null,
    });
    expect((await onSelfHosted('/api/mozaiks/pay/subscription-status', alice.headers)).body).toMatchObject({ scope: 'platform', active: false, status: 'unavailable', unavailableReason: 'self_hosted' });
    expect((await onSelfHosted('/api/mozaiks/pay/cancel', alice.headers, { scope: 'platform' })).body).toEqual({ ok: false, unavailableReason: 'self_hosted' });
  });

  it("keeps the original's checks: scope, appId, authentication", async () => {
    expect(await onSelfHosted('/api/mozaiks/pay/subscription-status?scope=galaxy', alice.headers)).toMatchObject({ status: 400, body: { detail: 'Invalid scope (expected platform|app)', error_code: 'INVALID_SCOPE' } });
    expect(await onSelfHosted('/api/mozaiks/pay/checkout', alice.headers, { scope: 'app', appId: 'someone_elses_app' })).toMatchObject({ status: 403, body: { detail: 'Invalid appId', error_code: 'FORBIDDEN' } });
    expect(await onSelfHosted('/api/mozaiks/pay/cancel', alice.headers, { scope: 'app' })).toMatchObject({ status: 400, body: { detail: 'appId is required for scope=app', error_code: 'APP_ID_REQUIRED' } });
    expect(await onSelfHosted('/api/mozaiks/pay/checkout', alice.headers, { scope: 'platform', metadata: 'not an object' })).toMatchObject({ status: 422, body: { error_code: 'VALIDATION_ERROR' } });
    expect(await onSelfHosted('/api/mozaiks/pay/checkout', alice.headers, '[')).toMatchObject({ status: 400, body: { error_code: 'INVALID_JSON' } });
    expect(await onSelfHosted('/api/mozaiks/pay/checkout', {}, { scope: 'platform' })).toMatchObject({ status: 401, body: { error_code: 'AUTH_REQUIRED' } });
  });

  it('echoes a correlation id, or makes one', async () => {
    const echoed = await onSelfHosted('/api/mozaiks/pay/subscription-status', { ...alice.headers, 'x-correlation-id': 'trace-abc.1' });
    expect(echoed.headers.get('x-correlation-id')).toBe('trace-abc.1');
    const minted = await onSelfHosted('/api/mozaiks/pay/subscription-status', { ...alice.headers, 'x-correlation-id': 'has spaces "and quotes"' });
    expect(minted.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('limits each user to 30 checkouts and cancels a minute, counted together, with Retry-After', async () => {
    const carol = await registerAccount(selfHosted.url);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await onSelfHosted(i % 2 ? '/api/mozaiks/pay/cancel' : '/api/mozaiks/pay/checkout', carol.headers, { scope: 'platform' })).status);
    expect(new Set(statuses)).toEqual(new Set([200, 501]));
    const limited = await onSelfHosted('/api/mozaiks/pay/cancel', carol.headers, { scope: 'platform' });
    expect(limited).toMatchObject({ status: 429, body: { detail: 'Too many requests', error_code: 'RATE_LIMITED' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Per user: someone else, and the status route's own allowance, are untouched.
    expect((await onSelfHosted('/api/mozaiks/pay/cancel', alice.headers, { scope: 'platform' })).status).toBe(200);
    expect((await onSelfHosted('/api/mozaiks/pay/subscription-status', carol.headers)).status).toBe(200);
  });
});

describe('managed', () => {
  it("starts a checkout at the gateway with the user's token, the app key and the correlation id", async () => {
    const response = await onManaged('/api/mozaiks/pay/checkout', { ...bea.headers, 'x-correlation-id': 'corr-checkout-1' }, { scope: 'app', appId: 'pay_app', plan: 'pro', metadata: { source: 'pricing_page' } });
    expect(response).toMatchObject({ status: 200, body: { checkoutUrl: 'https://pay.platform.example/session/cs_123', sessionId: 'cs_123' } });
    const [sent] = gateway.requestsTo('POST /api/mozaiks/pay/checkout');
    expect(sent?.headers).toMatchObject({ authorization: bea.headers.authorization, 'x-mozaiks-app-key': 'app-key-7', 'x-correlation-id': 'corr-checkout-1' });
    expect(sent?.body).toEqual({ scope: 'app', appId: 'pay_app', plan: 'pro', metadata: { source: 'pricing_page' } });
  });

  it("reports the gateway's status, and degrades when it fails", async () => {
    expect((await onManaged('/api/mozaiks/pay/subscription-status?scope=platform', bea.headers)).body).toMatchObject({ scope: 'platform', active: true, plan: 'pro' });
    gateway.script('GET /api/mozaiks/pay/subscription-status', { status: 502 }, { status: 502 });
    expect(await onManaged('/api/mozaiks/pay/subscription-status?scope=platform', bea.headers)).toMatchObject({
      status: 200,
      body: { active: false, status: 'unavailable', unavailableReason: 'gateway_error' },
    });
    gateway.script('POST /api/mozaiks/pay/checkout', { status: 500 });
    expect(await onManaged('/api/mozaiks/pay/checkout', bea.headers, { scope: 'platform' })).toMatchObject({ status: 503, body: { error_code: 'PAYMENTS_UNAVAILABLE', reason: 'gateway_error' } });
    expect((await onManaged('/api/mozaiks/pay/cancel', bea.headers, { scope: 'platform' })).body).toEqual({ ok: true });
  });
});
