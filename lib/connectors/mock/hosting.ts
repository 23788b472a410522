import type { ConnectorBinding } from '../binding';
import type { Unavailable } from '../results';
import type { HostedApp, HostingConnector } from '../services/hosting';
import { between, clockOf, hoursFromNow, pickOne, pickSome, seededRandom, titleOf, type SampleOptions } from './sample';

const OTHER_APPS = ['field_notes', 'team_wiki', 'booking_desk', 'invoice_hub', 'support_inbox', 'recipe_box'] as const;
const REGIONS = ['eu-west', 'us-east', 'ap-southeast'] as const;

/** What the platform's 404 for an unknown app becomes through the managed connector. */
const NO_SUCH_APP: Unavailable = { available: false, reason: 'gateway_error' };

/** Sample hosting: this app, running, and two more of the caller's, as a platform would list them. */
export function mockHosting(binding: ConnectorBinding, options: SampleOptions = {}): HostingConnector {
  const now = clockOf(options);
  const apps = (): HostedApp[] => {
    const random = seededRandom('hosting', binding.appId, binding.identity.user_id);
    const own: HostedApp = { app_id: binding.appId, name: titleOf(binding.appId), status: 'running', url: `https://${binding.appId.replace(/[_.]/g, '-')}.apps.mozaiks.example`, plan: 'pro', region: pickOne(random, REGIONS), updated_at: hoursFromNow(now(), -between(random, 1, 20)) };
    const others = pickSome(random, OTHER_APPS, 2).map((id, index): HostedApp => {
      const status = index === 0 ? 'running' : pickOne(random, ['stopped', 'deploying'] as const);
      return { app_id: id, name: titleOf(id), status, url: status === 'running' ? `https://${id.replace(/_/g, '-')}.apps.mozaiks.example` : null, plan: pickOne(random, ['free', 'pro'] as const), region: pickOne(random, REGIONS), updated_at: hoursFromNow(now(), -between(random, 24, 240)) };
    });
    return [own, ...others];
  };
  return {
    listApps: async () => ({ available: true, sample: true, apps: apps() }),
    getApp: async (appId) => {
      const app = apps().find((candidate) => candidate.app_id === appId);
      return app ? { available: true, sample: true, app } : NO_SUCH_APP;
    },
  };
}
