/** Funding: the app's fundraising campaigns on the platform. Gateway: `GET /api/funding/campaigns[/{id}]`. */
import { z } from 'zod';
import type { ConnectorBinding } from '../binding';
import type { GatewayClient } from '../client';
import { readFrom } from '../managed';
import { SELF_HOSTED, type Availability } from '../results';

export const campaignSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  goal_amount: z.number().nonnegative(),
  raised_amount: z.number().nonnegative(),
  ends_at: z.string().nullable().default(null),
});
export type Campaign = z.output<typeof campaignSchema>;

export interface FundingConnector {
  listCampaigns(): Promise<Availability<{ campaigns: Campaign[] }>>;
  getCampaign(id: string): Promise<Availability<{ campaign: Campaign }>>;
}

export function managedFunding(client: GatewayClient, { caller }: ConnectorBinding): FundingConnector {
  return {
    listCampaigns: () => readFrom(client, caller, { path: '/api/funding/campaigns', schema: z.looseObject({ campaigns: z.array(campaignSchema) }) }, ({ campaigns }) => ({ campaigns })),
    getCampaign: (id) => readFrom(client, caller, { path: `/api/funding/campaigns/${encodeURIComponent(id)}`, schema: campaignSchema }, (campaign) => ({ campaign })),
  };
}

export function selfHostedFunding(): FundingConnector {
  return { listCampaigns: async () => SELF_HOSTED, getCampaign: async () => SELF_HOSTED };
}
