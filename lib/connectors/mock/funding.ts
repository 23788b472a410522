import type { ConnectorBinding } from '../binding';
import type { Unavailable } from '../results';
import type { Campaign, FundingConnector } from '../services/funding';
import { between, clockOf, hoursFromNow, pickOne, seededRandom, type SampleOptions } from './sample';

/** What the platform's 404 for an unknown campaign becomes through the managed connector. */
const NO_SUCH_CAMPAIGN: Unavailable = { available: false, reason: 'gateway_error' };

/** Sample funding: one open campaign part-way to its goal, one that closed funded. */
export function mockFunding(binding: ConnectorBinding, options: SampleOptions = {}): FundingConnector {
  const now = clockOf(options);
  const campaigns = (): Campaign[] => {
    const random = seededRandom('funding', binding.appId);
    const currency = pickOne(random, ['USD', 'EUR', 'GBP'] as const);
    const goal = between(random, 4, 20) * 5_000;
    return [
      { id: 'sample_campaign_seed', title: 'Seed round', status: 'open', currency, goal_amount: goal, raised_amount: Math.round((goal * between(random, 15, 85)) / 100), ends_at: hoursFromNow(now(), 24 * between(random, 10, 60)) },
      { id: 'sample_campaign_community', title: 'Community pre-orders', status: 'closed', currency, goal_amount: 10_000, raised_amount: 10_000 + between(random, 0, 40) * 100, ends_at: hoursFromNow(now(), -24 * between(random, 20, 120)) },
    ];
  };
  return {
    listCampaigns: async () => ({ available: true, sample: true, campaigns: campaigns() }),
    getCampaign: async (id) => {
      const campaign = campaigns().find((candidate) => candidate.id === id);
      return campaign ? { available: true, sample: true, campaign } : NO_SUCH_CAMPAIGN;
    },
  };
}
