/**
 * What the sample-data connectors add to the contract (contract.test.ts): the same question gets the
 * same answer, two apps and two users get different ones, times are relative to now, lists are small,
 * and only the platform-only services are made up: identity, billing and payment stay this app's own.
 */
import { describe, expect, it } from 'vitest';
import type { Identity } from '@/lib/auth/identity';
import { loadConnectors, type ConnectorBinding } from '@/lib/connectors';
import { mockCommunity, mockDiscovery, mockFunding, mockGrowth, mockHosting, mockSocial } from '@/lib/connectors/mock';

const NOW = Date.parse('2026-12-05T10:30:00Z');
const now = () => NOW;

function bindingOf(appId: string, userId = 'u1'): ConnectorBinding {
  const identity: Identity = { app_id: appId, user_id: userId, username: 'ada', email: null, roles: ['user'], is_superadmin: false, user_jwt: null, auth_method: 'local' };
  return { appId, identity, caller: { userJwt: null, correlationId: 'c' } };
}

/** Everything the six sample services answer for one binding. */
async function everythingFor(binding: ConnectorBinding) {
  return {
    apps: await mockHosting(binding, { now }).listApps(),
    featured: await mockDiscovery(binding).featured(),
    feed: await mockSocial(binding, { now }).feed(),
    posts: await mockCommunity(binding, { now }).listPosts(),
    metrics: await mockGrowth(binding).metrics({ period: '30d' }),
    campaigns: await mockFunding(binding, { now }).listCampaigns(),
  };
}

describe('sample-data connectors', () => {
  it('answer the same for the same app and user, and differently for another app or user', async () => {
    const acme = await everythingFor(bindingOf('acme'));
    expect(await everythingFor(bindingOf('acme'))).toEqual(acme);
    const globex = await everythingFor(bindingOf('globex_shop'));
    expect(globex.metrics).not.toEqual(acme.metrics);
    expect(globex.apps).not.toEqual(acme.apps);
    expect((await everythingFor(bindingOf('acme', 'u2'))).feed).not.toEqual(acme.feed);
  });

  it('put this app first among the hosted apps, running, and date everything around now', async () => {
    const { apps, feed, posts, campaigns } = await everythingFor(bindingOf('acme_crm'));
    if (!apps.available || !feed.available || !posts.available || !campaigns.available) throw new Error('a sample service said it has no data');
    expect(apps.apps[0]).toMatchObject({ app_id: 'acme_crm', name: 'Acme Crm', status: 'running', url: 'https://acme-crm.apps.mozaiks.example' });
    const times = [...apps.apps.map((app) => app.updated_at!), ...feed.items.map((item) => item.created_at), ...posts.posts.map((post) => post.created_at)].map(Date.parse);
    for (const time of times) {
      expect(time).toBeLessThanOrEqual(NOW);
      expect(time).toBeGreaterThan(NOW - 30 * 86_400_000);
    }
    const [open, closed] = campaigns.campaigns;
    expect(open).toMatchObject({ status: 'open' });
    expect(Date.parse(open!.ends_at!)).toBeGreaterThan(NOW);
    expect(open!.raised_amount).toBeLessThan(open!.goal_amount);
    expect(closed).toMatchObject({ status: 'closed' });
    expect(Date.parse(closed!.ends_at!)).toBeLessThan(NOW);
  });

  it('keep every list small', async () => {
    const answers = await everythingFor(bindingOf('acme'));
    for (const answer of Object.values(answers)) {
      for (const value of Object.values(answer)) if (Array.isArray(value)) expect(value.length).toBeLessThanOrEqual(5);
    }
  });

  it('make up only the platform-only services: identity, billing and payment stay this app’s', async () => {
    const connectors = loadConnectors(bindingOf('acme'), { managedRequested: false, gateway: undefined, sampleData: 'development' });
    expect(connectors.mode).toBe('mock');
    expect(await connectors.hosting.listApps()).toMatchObject({ available: true, sample: true });
    // No payment provider exists without a platform, samples or not: nothing pretends to charge anyone.
    expect(await connectors.payment.checkout({ scope: 'platform', plan: 'pro' })).toEqual({ ok: false, reason: 'self_hosted' });
    expect(await connectors.payment.subscriptionStatus({ scope: 'platform' })).toMatchObject({ active: false, unavailableReason: 'self_hosted' });
    expect(await connectors.identity.getUser('someone_else')).toEqual({ available: false, reason: 'forbidden' });
  });

  it('give way to a managed platform', () => {
    const connectors = loadConnectors(bindingOf('acme'), { managedRequested: true, gateway: { baseUrl: 'http://127.0.0.1:9', apiKey: undefined, timeoutMs: 100, retries: 0 }, sampleData: 'requested' });
    expect(connectors.mode).toBe('managed');
  });
});
