import type { ConnectorBinding } from '../binding';
import { createPostInput, type CommunityConnector, type CommunityPost } from '../services/community';
import { between, clockOf, hoursFromNow, pickSome, sampleId, seededRandom, type SampleOptions } from './sample';

const TOPICS = [
  'Welcome! Introduce yourself here',
  'Feature request: calendar sync',
  'How do you organise your team workspace?',
  'Release notes for this month',
  'Tips for getting started with the assistant',
  'Bug: export stalls on very large lists',
] as const;
const AUTHORS = ['moderator', 'maya.lopez', 'sam_okafor', 'lena.fischer', 'arjun.k'] as const;

/** Sample community: four threads of the app's forum, newest first; new posts are not stored. */
export function mockCommunity(binding: ConnectorBinding, options: SampleOptions = {}): CommunityConnector {
  const now = clockOf(options);
  return {
    listPosts: async ({ limit = 20 } = {}) => {
      const random = seededRandom('community', binding.appId);
      let hoursAgo = 0;
      const posts = pickSome(random, TOPICS, 4).map((title, index): CommunityPost => {
        hoursAgo += between(random, 6, 60);
        return { id: `sample_thread_${index + 1}`, title, author: AUTHORS[index % AUTHORS.length]!, replies: between(random, 0, 24), created_at: hoursFromNow(now(), -hoursAgo) };
      });
      return { available: true, sample: true, posts: posts.slice(0, limit) };
    },
    createPost: async (input) => {
      const { title } = createPostInput.parse(input);
      return { ok: true, sample: true, id: sampleId('thread', binding.identity.user_id, title) };
    },
  };
}
