/**
 * What to tell a person when a platform service has nothing to show. Framework-free and free of
 * server imports, so plugin pages (client components) can use it.
 */

/** The reasons of lib/connectors/results.ts, as plugin pages receive them. */
export type ReasonText = 'self_hosted' | 'gateway_unreachable' | 'gateway_timeout' | 'forbidden' | 'gateway_error' | 'invalid_response';

export function unavailableMessage(reason: string, service: string): string {
  switch (reason as ReasonText) {
    case 'self_hosted':
      return `This app is self-hosted: ${service} comes from a Mozaiks platform, and none manages this app. Set MOZAIKS_MANAGED=1 and MOZAIKS_GATEWAY_BASE_URL to connect one.`;
    case 'gateway_unreachable':
      return `The Mozaiks platform cannot be reached, so ${service} is unavailable. Try again in a moment.`;
    case 'gateway_timeout':
      return `The Mozaiks platform did not answer in time, so ${service} is unavailable. Try again in a moment.`;
    case 'forbidden':
      return `You may not see this ${service} information.`;
    case 'invalid_response':
    case 'gateway_error':
    default:
      return `The Mozaiks platform could not provide ${service} right now. Try again later.`;
  }
}

export function modeLabel(mode: 'managed' | 'self_hosted' | 'mock'): string {
  if (mode === 'managed') return 'Managed by the Mozaiks platform';
  return mode === 'mock' ? 'Self-hosted, with sample platform data' : 'Self-hosted';
}

/** What a page says above answers marked `sample: true` (lib/connectors/results.ts). */
export const SAMPLE_DATA_NOTICE =
  'This is sample data, made up for development: no Mozaiks platform manages this app. To show your real apps, set MOZAIKS_MANAGED=1 and MOZAIKS_GATEWAY_BASE_URL to connect one; MOZAIKS_CONNECTORS=off turns samples off.';

/** Whether any of a page's answers is sample data. */
export function hasSample(...answers: object[]): boolean {
  return answers.some((answer) => 'sample' in answer && answer.sample === true);
}
