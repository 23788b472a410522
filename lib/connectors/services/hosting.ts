/** Hosting: the apps the caller runs on the platform, and how each is doing. Gateway: `/api/hosting/apps[/{app_id}]`. */
import { z } from 'zod';
import type { ConnectorBinding } from '../binding';
import type { GatewayClient } from '../client';
import { readFrom } from '../managed';
import { SELF_HOSTED, type Availability } from '../results';

export const hostedAppSchema = z.looseObject({
  app_id: z.string(),
  name: z.string(),
  /** Such as `running`, `stopped`, `deploying`, `failed`: shown as the gateway says it. */
  status: z.string(),
  url: z.string().nullable().default(null),
  plan: z.string().nullable().default(null),
  region: z.string().nullable().default(null),
  updated_at: z.string().nullable().default(null),
});
export type HostedApp = z.output<typeof hostedAppSchema>;

const appsSchema = z.looseObject({ apps: z.array(hostedAppSchema) });

export interface HostingConnector {
  listApps(): Promise<Availability<{ apps: HostedApp[] }>>;
  getApp(appId: string): Promise<Availability<{ app: HostedApp }>>;
}

export function managedHosting(client: GatewayClient, { caller }: ConnectorBinding): HostingConnector {
  return {
    listApps: () => readFrom(client, caller, { path: '/api/hosting/apps', schema: appsSchema }, ({ apps }) => ({ apps })),
    getApp: (appId) => readFrom(client, caller, { path: `/api/hosting/apps/${encodeURIComponent(appId)}`, schema: hostedAppSchema }, (app) => ({ app })),
  };
}

/** Self-hosted, whoever runs the server hosts the app; the platform knows nothing of it. */
export function selfHostedHosting(): HostingConnector {
  return { listApps: async () => SELF_HOSTED, getApp: async () => SELF_HOSTED };
}
