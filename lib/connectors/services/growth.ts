/** Growth: the app's audience figures on the platform, and events for them. Gateway: `GET /api/growth/metrics`, `POST /api/growth/events`. */
import { z } from 'zod';
import type { ConnectorBinding } from '../binding';
import type { GatewayClient } from '../client';
import { readFrom, writeTo } from '../managed';
import { SELF_HOSTED, type Availability, type WriteResult } from '../results';

export const growthPeriod = z.enum(['7d', '30d', '90d']);

export const growthMetricsSchema = z.looseObject({
  period: growthPeriod,
  visitors: z.number().nonnegative(),
  signups: z.number().nonnegative(),
  active_users: z.number().nonnegative(),
  /** Signups per visitor, 0..1. */
  conversion_rate: z.number().min(0).max(1),
});
export type GrowthMetrics = z.output<typeof growthMetricsSchema>;

export const trackEventInput = z.object({ name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'name must be snake_case'), properties: z.record(z.string(), z.unknown()).default({}) });

export interface GrowthConnector {
  metrics(input?: { period?: z.input<typeof growthPeriod> }): Promise<Availability<{ metrics: GrowthMetrics }>>;
  /** Sent once: a retried event would be counted twice. */
  trackEvent(input: z.input<typeof trackEventInput>): Promise<WriteResult>;
}

export function managedGrowth(client: GatewayClient, { caller }: ConnectorBinding): GrowthConnector {
  return {
    metrics: ({ period = '30d' } = {}) => readFrom(client, caller, { path: '/api/growth/metrics', query: { period: growthPeriod.parse(period) }, schema: growthMetricsSchema }, (metrics) => ({ metrics })),
    trackEvent: (input) => writeTo(client, caller, { path: '/api/growth/events', body: trackEventInput.parse(input), schema: z.looseObject({}) }, () => ({})),
  };
}

export function selfHostedGrowth(): GrowthConnector {
  return {
    metrics: async () => SELF_HOSTED,
    trackEvent: async (input) => {
      trackEventInput.parse(input);
      return { ok: false, reason: 'self_hosted' };
    },
  };
}
