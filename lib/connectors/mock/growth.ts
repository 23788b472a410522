import type { ConnectorBinding } from '../binding';
import { growthPeriod, trackEventInput, type GrowthConnector } from '../services/growth';
import { between, seededRandom } from './sample';

const DAYS = { '7d': 7, '30d': 30, '90d': 90 } as const;

/** Sample growth: plausible traffic for the app (a few hundred visitors a week), consistent across periods; events go nowhere. */
export function mockGrowth(binding: ConnectorBinding): GrowthConnector {
  return {
    metrics: async ({ period = '30d' } = {}) => {
      const days = DAYS[growthPeriod.parse(period)];
      const random = seededRandom('growth', binding.appId);
      const dailyVisitors = between(random, 25, 90);
      const conversion = between(random, 30, 90) / 1000;
      const visitors = dailyVisitors * days + between(random, 0, days);
      const signups = Math.round(visitors * conversion);
      const activeUsers = Math.round(signups * (between(random, 140, 260) / 100));
      return { available: true, sample: true, metrics: { period, visitors, signups, active_users: activeUsers, conversion_rate: Math.round((signups / visitors) * 1000) / 1000 } };
    },
    trackEvent: async (input) => {
      trackEventInput.parse(input);
      return { ok: true, sample: true };
    },
  };
}
