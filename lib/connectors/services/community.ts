/** Community: the app's forum on the platform. Gateway: `GET|POST /api/community/posts`. */
import { z } from 'zod';
import type { ConnectorBinding } from '../binding';
import type { GatewayClient } from '../client';
import { readFrom, writeTo } from '../managed';
import { SELF_HOSTED, type Availability, type WriteResult } from '../results';

export const communityPostSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  author: z.string(),
  replies: z.number().int().nonnegative().default(0),
  created_at: z.string(),
});
export type CommunityPost = z.output<typeof communityPostSchema>;

export const createPostInput = z.object({ title: z.string().trim().min(1, 'title is required').max(200), body: z.string().max(20_000).default('') });

export interface CommunityConnector {
  listPosts(input?: { limit?: number }): Promise<Availability<{ posts: CommunityPost[] }>>;
  /** Sent once. */
  createPost(input: z.input<typeof createPostInput>): Promise<WriteResult<{ id: string }>>;
}

export function managedCommunity(client: GatewayClient, { caller }: ConnectorBinding): CommunityConnector {
  return {
    listPosts: ({ limit = 20 } = {}) =>
      readFrom(client, caller, { path: '/api/community/posts', query: { limit }, schema: z.looseObject({ posts: z.array(communityPostSchema) }) }, ({ posts }) => ({ posts })),
    createPost: (input) => writeTo(client, caller, { path: '/api/community/posts', body: createPostInput.parse(input), schema: z.looseObject({ id: z.string() }) }, ({ id }) => ({ id })),
  };
}

export function selfHostedCommunity(): CommunityConnector {
  return {
    listPosts: async () => SELF_HOSTED,
    createPost: async (input) => {
      createPostInput.parse(input);
      return { ok: false, reason: 'self_hosted' };
    },
  };
}
