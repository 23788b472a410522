/**
 * Platform connectors: one typed interface per platform service, whether the app is managed by a
 * Mozaiks platform (calls go over HTTP to its gateway) or self-hosted (identity and billing answer
 * from this app's own data; the other services say they are not available, or, in `mock` mode,
 * answer labelled sample data). Plugins reach them as `ctx.connectors`, bound to the caller; see
 * docs/connectors.md.
 *
 *   const apps = await ctx.connectors.hosting.listApps();
 *   if (!apps.available) return { apps: [], reason: apps.reason };
 *
 * Plugin code imports schemas from `@/lib/connectors/services/<service>` (the contracts, free of
 * runtime dependencies), never from this index: through the self-hosted connectors it reaches the
 * plugin registry, which imports every plugin.
 */
import type { Identity } from '@/lib/auth/identity';
import { getEnv, type ConnectorSettings } from '@/lib/env';
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';
import type { ConnectorBinding } from './binding';
import { createGatewayClient, type GatewayClient } from './client';
import { mockCommunity, mockDiscovery, mockFunding, mockGrowth, mockHosting, mockSocial } from './mock';
import { connectorMode } from './mode';
import { selfHostedBilling } from './self-hosted/billing';
import { selfHostedIdentity } from './self-hosted/identity';
import { selfHostedPayment } from './self-hosted/payment';
import { managedBilling, type BillingConnector } from './services/billing';
import { managedCommunity, selfHostedCommunity, type CommunityConnector } from './services/community';
import { managedDiscovery, selfHostedDiscovery, type DiscoveryConnector } from './services/discovery';
import { managedFunding, selfHostedFunding, type FundingConnector } from './services/funding';
import { managedGrowth, selfHostedGrowth, type GrowthConnector } from './services/growth';
import { managedHosting, selfHostedHosting, type HostingConnector } from './services/hosting';
import { managedIdentity, type IdentityConnector } from './services/identity';
import { managedPayment, type PaymentConnector } from './services/payment';
import { managedSocial, selfHostedSocial, type SocialConnector } from './services/social';

export { correlationIdOf } from '@/lib/http/correlation';
export type { ConnectorBinding } from './binding';
export { createGatewayClient, type GatewayCaller, type GatewayClient, type GatewayFailure, type GatewayResult } from './client';
export { connectorMode, hasPlatformServices, type ConnectorMode } from './mode';
export { UNAVAILABLE_REASONS, type Availability, type Unavailable, type UnavailableReason, type WriteResult } from './results';
export * from './services/billing';
export * from './services/community';
export * from './services/discovery';
export * from './services/funding';
export * from './services/growth';
export * from './services/hosting';
export * from './services/identity';
export * from './services/payment';
export * from './services/social';

/** Every platform service, as one object; what `ctx.connectors` is. */
export interface ConnectorBundle {
  /** `mock`: no platform, and the platform-only services answer labelled sample data (identity, billing and payment as self-hosted). */
  mode: 'managed' | 'self_hosted' | 'mock';
  payment: PaymentConnector;
  identity: IdentityConnector;
  billing: BillingConnector;
  hosting: HostingConnector;
  discovery: DiscoveryConnector;
  social: SocialConnector;
  community: CommunityConnector;
  growth: GrowthConnector;
  funding: FundingConnector;
}

const warned = processSingleton('connectors-warned', () => ({ noGateway: false }));

/**
 * The connectors for one caller, in the mode the environment picks (see ./mode.ts). Each service
 * is made the first time it is used: a plugin call touches one or two of nine, and making all nine
 * (with the gateway client) was a fifth of a trivial plugin call (docs/performance.md).
 */
export function loadConnectors(binding: ConnectorBinding, settings: ConnectorSettings = getEnv().connectors): ConnectorBundle {
  const mode = connectorMode(settings);
  if (settings.managedRequested && !settings.gateway && !warned.noGateway) {
    warned.noGateway = true;
    logger.warn(`managed mode was asked for but MOZAIKS_GATEWAY_BASE_URL is not set: platform connectors run ${mode.mode === 'mock' ? 'on sample data' : 'self-hosted'}`);
  }
  return new Connectors(binding, mode.mode === 'managed' ? mode.gateway : undefined, mode.mode === 'mock');
}

type Gateway = NonNullable<ConnectorSettings['gateway']>;

/**
 * A ConnectorBundle whose services are made on first use: over the gateway when there is one, else
 * self-hosted, with sample data for the platform-only services in mock mode.
 */
class Connectors implements ConnectorBundle {
  readonly mode: ConnectorBundle['mode'];
  readonly #binding: ConnectorBinding;
  readonly #gateway: Gateway | undefined;
  #client: GatewayClient | undefined;
  #made: Partial<Omit<ConnectorBundle, 'mode'>> = {};

  constructor(binding: ConnectorBinding, gateway: Gateway | undefined, sample: boolean) {
    this.mode = gateway ? 'managed' : sample ? 'mock' : 'self_hosted';
    this.#binding = binding;
    this.#gateway = gateway;
  }

  /** The gateway client, made once for this caller; undefined when self-hosted. */
  #viaGateway(): GatewayClient | undefined {
    const gateway = this.#gateway;
    if (!gateway) return undefined;
    return (this.#client ??= createGatewayClient({ baseUrl: gateway.baseUrl, apiKey: gateway.apiKey, timeoutMs: gateway.timeoutMs, retries: gateway.retries }));
  }

  get payment(): PaymentConnector {
    const client = this.#viaGateway();
    return (this.#made.payment ??= client ? managedPayment(client, this.#binding) : selfHostedPayment(this.#binding));
  }
  get identity(): IdentityConnector {
    const client = this.#viaGateway();
    return (this.#made.identity ??= client ? managedIdentity(client, this.#binding) : selfHostedIdentity(this.#binding));
  }
  get billing(): BillingConnector {
    const client = this.#viaGateway();
    return (this.#made.billing ??= client ? managedBilling(client, this.#binding) : selfHostedBilling(this.#binding));
  }
  get hosting(): HostingConnector {
    const client = this.#viaGateway();
    return (this.#made.hosting ??= client ? managedHosting(client, this.#binding) : this.mode === 'mock' ? mockHosting(this.#binding) : selfHostedHosting());
  }
  get discovery(): DiscoveryConnector {
    const client = this.#viaGateway();
    return (this.#made.discovery ??= client ? managedDiscovery(client, this.#binding) : this.mode === 'mock' ? mockDiscovery(this.#binding) : selfHostedDiscovery());
  }
  get social(): SocialConnector {
    const client = this.#viaGateway();
    return (this.#made.social ??= client ? managedSocial(client, this.#binding) : this.mode === 'mock' ? mockSocial(this.#binding) : selfHostedSocial());
  }
  get community(): CommunityConnector {
    const client = this.#viaGateway();
    return (this.#made.community ??= client ? managedCommunity(client, this.#binding) : this.mode === 'mock' ? mockCommunity(this.#binding) : selfHostedCommunity());
  }
  get growth(): GrowthConnector {
    const client = this.#viaGateway();
    return (this.#made.growth ??= client ? managedGrowth(client, this.#binding) : this.mode === 'mock' ? mockGrowth(this.#binding) : selfHostedGrowth());
  }
  get funding(): FundingConnector {
    const client = this.#viaGateway();
    return (this.#made.funding ??= client ? managedFunding(client, this.#binding) : this.mode === 'mock' ? mockFunding(this.#binding) : selfHostedFunding());
  }
}

/** The connectors for a verified caller: their token and the request's correlation id go with every gateway call. */
export function connectorsFor(identity: Identity, correlationId: string): ConnectorBundle {
  return loadConnectors({ appId: identity.app_id, identity, caller: { userJwt: identity.user_jwt, correlationId } });
}
