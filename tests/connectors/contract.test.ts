/**
 * The contract of the platform-only services (hosting, discovery, social, community, growth, funding),
 * run against each implementation that answers with data: the managed connectors over a gateway on
 * loopback (tests/support/gateway().ts), and the sample-data connectors (lib/connectors/mock). What a
 * plugin may rely on holds for both: the shapes of the zod schemas, lookups that agree with listings,
 * searches and limits that are honoured, writes sent once and answered with an id, invalid input
 * refused. Every answer of the mocks is labelled `sample: true`; no managed answer is.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  UNAVAILABLE_REASONS,
  campaignSchema,
  communityPostSchema,
  growthMetricsSchema,
  hostedAppSchema,
  listedAppSchema,
  loadConnectors,
  socialItemSchema,
  type ConnectorBundle,
} from '@/lib/connectors';
import type { ConnectorSettings } from '@/lib/env';
import { connectorBinding, gatewayPerFile } from '../support/gateway';

const gateway = gatewayPerFile();

const binding = connectorBinding;

interface Implementation {
  name: 'managed' | 'mock';
  settings: () => ConnectorSettings;
}

const IMPLEMENTATIONS: Implementation[] = [
  { name: 'managed', settings: () => ({ managedRequested: true, gateway: { baseUrl: gateway().url, apiKey: 'k', timeoutMs: 2_000, retries: 0 } }) },
  { name: 'mock', settings: () => ({ managedRequested: false, gateway: undefined, sampleData: 'requested' }) },
];

describe.each(IMPLEMENTATIONS)('platform services, $name', ({ name, settings }) => {
  let connectors: ConnectorBundle;
  beforeEach(() => {
    connectors = loadConnectors(binding, settings());
  });

  /** The marker a page relies on to say "sample data": on every mock answer, on no managed one. */
  function expectLabelled(answer: object) {
    if (name === 'mock') expect(answer).toHaveProperty('sample', true);
    else expect(answer).not.toHaveProperty('sample');
  }

  /** Narrows an answer to its data, failing the case when the service said it has none. */
  function dataOf<T extends { available: boolean }>(answer: T): Extract<T, { available: true }> {
    expect(answer.available).toBe(true);
    expectLabelled(answer);
    return answer as Extract<T, { available: true }>;
  }

  function expectUnavailable(answer: { available: boolean; reason?: string }) {
    expect(answer.available).toBe(false);
    expect(UNAVAILABLE_REASONS).toContain(answer.reason);
  }

  it('runs in its own mode', () => {
    expect(connectors.mode).toBe(name);
  });

  describe('hosting', () => {
    it('lists apps in the schema, and finds each one it lists', async () => {
      const { apps } = dataOf(await connectors.hosting.listApps());
      expect(apps.length).toBeGreaterThan(0);
      expect(z.array(hostedAppSchema).parse(apps)).toEqual(apps);
      const { app } = dataOf(await connectors.hosting.getApp(apps[0]!.app_id));
      expect(app).toEqual(apps[0]);
    });

    it('has nothing for an app it does not list', async () => {
      expectUnavailable(await connectors.hosting.getApp('no_such_app'));
    });
  });

  describe('discovery', () => {
    it('searches names and descriptions, honours the limit and counts every match', async () => {
      const everything = dataOf(await connectors.discovery.search({ query: '' }));
      expect(z.array(listedAppSchema).parse(everything.apps)).toEqual(everything.apps);
      expect(everything.apps.length).toBeGreaterThan(1);
      expect(everything.total).toBe(everything.apps.length);

      const word = everything.apps[1]!.name.split(' ')[0]!.toLowerCase();
      const found = dataOf(await connectors.discovery.search({ query: word }));
      expect(found.apps.map((app) => app.app_id)).toContain(everything.apps[1]!.app_id);
      for (const app of found.apps) expect(`${app.name} ${app.description}`.toLowerCase()).toContain(word);

      const one = dataOf(await connectors.discovery.search({ query: '', limit: 1 }));
      expect(one.apps).toHaveLength(1);
      expect(one.total).toBe(everything.total);

      expect(dataOf(await connectors.discovery.search({ query: 'no app is called this' }))).toMatchObject({ apps: [], total: 0 });
    });

    it('features apps of its directory', async () => {
      const { apps } = dataOf(await connectors.discovery.featured());
      expect(apps.length).toBeGreaterThan(0);
      expect(z.array(listedAppSchema).parse(apps)).toEqual(apps);
    });

    it('refuses an invalid search as the caller’s bug', async () => {
      await expect(async () => connectors.discovery.search({ query: '', limit: 500 })).rejects.toThrow();
    });
  });

  describe('social', () => {
    it('reads a feed within the limit, and shares with an id', async () => {
      const { items } = dataOf(await connectors.social.feed());
      expect(items.length).toBeGreaterThan(0);
      expect(z.array(socialItemSchema).parse(items)).toEqual(items);
      expect(dataOf(await connectors.social.feed({ limit: 1 })).items).toHaveLength(1);
      const shared = await connectors.social.share({ text: 'We launched!', url: 'https://acme.example/launch' });
      expect(shared).toMatchObject({ ok: true, id: expect.any(String) });
      expectLabelled(shared);
      await expect(async () => connectors.social.share({ text: '' })).rejects.toThrow(/text is required/);
    });
  });

  describe('community', () => {
    it('lists posts within the limit, and creates one with an id', async () => {
      const { posts } = dataOf(await connectors.community.listPosts());
      expect(posts.length).toBeGreaterThan(0);
      expect(z.array(communityPostSchema).parse(posts)).toEqual(posts);
      expect(dataOf(await connectors.community.listPosts({ limit: 1 })).posts).toHaveLength(1);
      const created = await connectors.community.createPost({ title: 'Hello', body: 'First post.' });
      expect(created).toMatchObject({ ok: true, id: expect.any(String) });
      expectLabelled(created);
      await expect(async () => connectors.community.createPost({ title: ' ' })).rejects.toThrow(/title is required/);
    });
  });

  describe('growth', () => {
    it('answers the period asked for (30 days by default), with plausible figures', async () => {
      for (const period of ['7d', '30d', '90d'] as const) {
        const { metrics } = dataOf(await connectors.growth.metrics({ period }));
        expect(growthMetricsSchema.parse(metrics)).toEqual(metrics);
        expect(metrics.period).toBe(period);
        expect(metrics.signups).toBeLessThanOrEqual(metrics.visitors);
      }
      expect(dataOf(await connectors.growth.metrics()).metrics.period).toBe('30d');
    });

    it('takes events once, and refuses a badly named one', async () => {
      const tracked = await connectors.growth.trackEvent({ name: 'signed_up', properties: { plan: 'pro' } });
      expect(tracked).toMatchObject({ ok: true });
      expectLabelled(tracked);
      await expect(async () => connectors.growth.trackEvent({ name: 'Signed Up' })).rejects.toThrow(/snake_case/);
    });
  });

  describe('funding', () => {
    it('lists campaigns in the schema, and finds each one it lists', async () => {
      const { campaigns } = dataOf(await connectors.funding.listCampaigns());
      expect(campaigns.length).toBeGreaterThan(0);
      expect(z.array(campaignSchema).parse(campaigns)).toEqual(campaigns);
      expect(dataOf(await connectors.funding.getCampaign(campaigns[0]!.id)).campaign).toEqual(campaigns[0]);
    });

    it('has nothing for a campaign it does not list', async () => {
      expectUnavailable(await connectors.funding.getCampaign('no_such_campaign'));
    });
  });
});
