/**
 * Sample-data connectors for the services only a platform has (hosting, discovery, social, community,
 * growth, funding): used in development and with MOZAIKS_CONNECTORS=mock when no platform manages the
 * app (./../mode.ts). Every answer carries `sample: true`; writes succeed without storing anything.
 * They keep the managed connectors' contract (tests/connectors/contract.test.ts runs both).
 */
export { mockCommunity } from './community';
export { mockDiscovery } from './discovery';
export { mockFunding } from './funding';
export { mockGrowth } from './growth';
export { mockHosting } from './hosting';
export { mockSocial } from './social';
export type { SampleOptions } from './sample';
