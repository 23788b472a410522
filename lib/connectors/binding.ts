import type { Identity } from '@/lib/auth/identity';
import type { GatewayCaller } from './client';

/**
 * What a connector bundle is bound to: the app, the caller (self-hosted connectors answer from this
 * app's data as that caller may see it) and the headers a managed call forwards. A bundle serves
 * one request; a plugin never chooses whose token goes to the gateway.
 */
export interface ConnectorBinding {
  appId: string;
  /** The verified caller. */
  identity: Identity;
  /** `user_jwt` and the correlation id, forwarded on every gateway call. */
  caller: GatewayCaller;
}
