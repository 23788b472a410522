import type { ConnectorBinding } from '../binding';
import { shareInput, type SocialConnector, type SocialItem } from '../services/social';
import { between, clockOf, hoursFromNow, pickSome, sampleId, seededRandom, type SampleOptions } from './sample';

const AUTHORS = ['maya.lopez', 'sam_okafor', 'lena.fischer', 'arjun.k', 'noor_haddad', 'tom.becker'] as const;
const POSTS = [
  'Shipped dark mode today. Feedback welcome!',
  'We passed 1,000 sign-ups this week. Thank you all.',
  'Looking for beta testers for our new mobile layout.',
  'Short write-up on how we cut page load time in half.',
  'Office hours on Thursday: bring your questions about plugins.',
  'New integration: export your data to CSV in one click.',
] as const;

/** Sample social: a few recent posts by made-up people, different per caller; shares are not sent anywhere. */
export function mockSocial(binding: ConnectorBinding, options: SampleOptions = {}): SocialConnector {
  const now = clockOf(options);
  return {
    feed: async ({ limit = 20 } = {}) => {
      const random = seededRandom('social', binding.appId, binding.identity.user_id);
      const authors = pickSome(random, AUTHORS, 5);
      let hoursAgo = 0;
      const items = pickSome(random, POSTS, 5).map((text, index): SocialItem => {
        hoursAgo += between(random, 1, 18);
        return { id: `sample_post_${index + 1}`, author: authors[index]!, text, url: null, created_at: hoursFromNow(now(), -hoursAgo) };
      });
      return { available: true, sample: true, items: items.slice(0, limit) };
    },
    share: async (input) => {
      const { text } = shareInput.parse(input);
      return { ok: true, sample: true, id: sampleId('share', binding.identity.user_id, text) };
    },
  };
}
