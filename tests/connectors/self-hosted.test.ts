/**
 * Self-hosted connectors of the services that only a platform has: every method says so, none throws
 * for a valid call, and none pretends a write happened. (Identity, billing and the app's own
 * subscription answer from real data: see the platform plugin specs and core-api.test.ts.)
 * It imports lib/connectors before anything else, as a route does: that order once exposed an import
 * cycle through the plugin registry.
 */
import { describe, expect, it } from 'vitest';
import type { Identity } from '@/lib/auth/identity';
import { loadConnectors } from '@/lib/connectors';

const identity: Identity = { app_id: 'acme', user_id: 'u1', username: 'ada', email: null, roles: ['user'], is_superadmin: false, user_jwt: null, auth_method: 'local' };
const connectors = loadConnectors({ appId: 'acme', identity, caller: { userJwt: null, correlationId: 'c' } }, { managedRequested: false, gateway: undefined });
const SELF_HOSTED = { available: false, reason: 'self_hosted' };
const NOT_DONE = { ok: false, reason: 'self_hosted' };

describe('self-hosted connectors', () => {
  it('answer "not available" for every read of a platform-only service', async () => {
    expect(connectors.mode).toBe('self_hosted');
    expect(await connectors.hosting.listApps()).toEqual(SELF_HOSTED);
    expect(await connectors.hosting.getApp('acme')).toEqual(SELF_HOSTED);
    expect(await connectors.discovery.search({ query: 'crm' })).toEqual(SELF_HOSTED);
    expect(await connectors.discovery.featured()).toEqual(SELF_HOSTED);
    expect(await connectors.social.feed()).toEqual(SELF_HOSTED);
    expect(await connectors.community.listPosts()).toEqual(SELF_HOSTED);
    expect(await connectors.growth.metrics({ period: '7d' })).toEqual(SELF_HOSTED);
    expect(await connectors.funding.listCampaigns()).toEqual(SELF_HOSTED);
    expect(await connectors.funding.getCampaign('c1')).toEqual(SELF_HOSTED);
  });

  it('never pretend a write happened', async () => {
    expect(await connectors.payment.checkout({ scope: 'platform', plan: 'pro' })).toEqual(NOT_DONE);
    expect(await connectors.payment.cancel({ scope: 'platform' })).toEqual(NOT_DONE);
    expect(await connectors.social.share({ text: 'hello' })).toEqual(NOT_DONE);
    expect(await connectors.community.createPost({ title: 'Hi' })).toEqual(NOT_DONE);
    expect(await connectors.growth.trackEvent({ name: 'signed_up' })).toEqual(NOT_DONE);
  });

  it("know no platform subscription, and no other app's", async () => {
    expect(await connectors.payment.subscriptionStatus({ scope: 'platform' })).toMatchObject({ active: false, status: 'unavailable', unavailableReason: 'self_hosted' });
    expect(await connectors.payment.subscriptionStatus({ scope: 'app', appId: 'other_app' })).toMatchObject({ appId: 'other_app', active: false, unavailableReason: 'forbidden' });
  });

  it("keep other users' identity and billing to superadmins", async () => {
    expect(await connectors.identity.getUser('someone_else')).toEqual({ available: false, reason: 'forbidden' });
    expect(await connectors.billing.getUsage('someone_else')).toEqual({ available: false, reason: 'forbidden' });
    expect(await connectors.identity.updateRoles('u1', ['superadmin'])).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('refuse invalid input from a plugin as the bug it is', async () => {
    await expect(connectors.social.share({ text: '' })).rejects.toThrow(/text is required/);
    await expect(connectors.growth.trackEvent({ name: 'Not Snake' })).rejects.toThrow(/snake_case/);
    await expect(connectors.identity.checkPermission({ user_id: 'u1', permission: 'root' })).rejects.toThrow(/permission must be/);
  });
});
