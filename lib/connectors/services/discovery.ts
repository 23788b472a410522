/** Discovery: the platform's app directory (search and featured). Gateway: `/api/discovery/{apps, featured}`. */
import { z } from 'zod';
import type { ConnectorBinding } from '../binding';
import type { GatewayClient } from '../client';
import { readFrom } from '../managed';
import { SELF_HOSTED, type Availability } from '../results';

export const listedAppSchema = z.looseObject({
  app_id: z.string(),
  name: z.string(),
  description: z.string().default(''),
  url: z.string().nullable().default(null),
  category: z.string().nullable().default(null),
});
export type ListedApp = z.output<typeof listedAppSchema>;

const searchSchema = z.looseObject({ apps: z.array(listedAppSchema), total: z.number().int().nonnegative().optional() });

export const discoverySearchInput = z.object({ query: z.string().trim().max(100).default(''), limit: z.number().int().min(1).max(50).default(20) });

export interface DiscoveryConnector {
  search(input: z.input<typeof discoverySearchInput>): Promise<Availability<{ apps: ListedApp[]; total: number }>>;
  featured(): Promise<Availability<{ apps: ListedApp[] }>>;
}

export function managedDiscovery(client: GatewayClient, { caller }: ConnectorBinding): DiscoveryConnector {
  return {
    search: (input) => {
      const { query, limit } = discoverySearchInput.parse(input);
      return readFrom(client, caller, { path: '/api/discovery/apps', query: { q: query || undefined, limit }, schema: searchSchema }, ({ apps, total }) => ({ apps, total: total ?? apps.length }));
    },
    featured: () => readFrom(client, caller, { path: '/api/discovery/featured', schema: searchSchema }, ({ apps }) => ({ apps })),
  };
}

/** A self-hosted app is in no directory. */
export function selfHostedDiscovery(): DiscoveryConnector {
  return {
    search: async (input) => {
      discoverySearchInput.parse(input);
      return SELF_HOSTED;
    },
    featured: async () => SELF_HOSTED,
  };
}
