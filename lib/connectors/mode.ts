import type { ConnectorSettings } from '@/lib/env';

/**
 * Managed exactly when managed mode is asked for (MOZAIKS_MANAGED=1 or MOZAIKS_HOSTING_MODE=hosted) and
 * a gateway is configured (MOZAIKS_GATEWAY_BASE_URL), as in the original's loader. Otherwise `mock` when
 * sample data is on (MOZAIKS_CONNECTORS=mock, or `auto` outside production): the platform-only services
 * answer with labelled sample data, identity, billing and payment from this app as self-hosted. Else
 * self-hosted. Asking for managed mode without a gateway says why (production refuses to start that way;
 * see lib/env).
 */
export type ConnectorMode =
  | { mode: 'managed'; gateway: NonNullable<ConnectorSettings['gateway']> }
  | { mode: 'mock'; why: NonNullable<ConnectorSettings['sampleData']>; managedWithoutGateway: boolean }
  | { mode: 'self_hosted'; why: 'not_requested' | 'no_gateway' };

export function connectorMode(settings: ConnectorSettings): ConnectorMode {
  if (settings.managedRequested && settings.gateway) return { mode: 'managed', gateway: settings.gateway };
  if (settings.sampleData) return { mode: 'mock', why: settings.sampleData, managedWithoutGateway: settings.managedRequested };
  return { mode: 'self_hosted', why: settings.managedRequested ? 'no_gateway' : 'not_requested' };
}

/** Whether the platform-only services have something to show: a platform manages the app, or they answer sample data. */
export function hasPlatformServices(settings: ConnectorSettings): boolean {
  return connectorMode(settings).mode !== 'self_hosted';
}
