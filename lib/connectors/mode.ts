import type { ConnectorSettings } from '@/lib/env';

/**
 * Managed exactly when managed mode is asked for (MOZAIKS_MANAGED=1 or MOZAIKS_HOSTING_MODE=hosted) and
 * a gateway is configured (MOZAIKS_GATEWAY_BASE_URL), as in the original's loader. Asking without a
 * gateway stays self-hosted and says why (production refuses to start that way; see lib/env).
 */
export type ConnectorMode =
  | { mode: 'managed'; gateway: NonNullable<ConnectorSettings['gateway']> }
  | { mode: 'self_hosted'; why: 'not_requested' | 'no_gateway' };

export function connectorMode(settings: ConnectorSettings): ConnectorMode {
  if (!settings.managedRequested) return { mode: 'self_hosted', why: 'not_requested' };
  if (!settings.gateway) return { mode: 'self_hosted', why: 'no_gateway' };
  return { mode: 'managed', gateway: settings.gateway };
}
