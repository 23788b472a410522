/** Social: the caller's feed on the platform and sharing to it. Gateway: `GET /api/social/feed`, `POST /api/social/shares`. */
import { z } from 'zod';
import type { ConnectorBinding } from '../binding';
import type { GatewayClient } from '../client';
import { readFrom, writeTo } from '../managed';
import { SELF_HOSTED, type Availability, type WriteResult } from '../results';

export const socialItemSchema = z.looseObject({ id: z.string(), author: z.string(), text: z.string(), url: z.string().nullable().default(null), created_at: z.string() });
export type SocialItem = z.output<typeof socialItemSchema>;

export const shareInput = z.object({ text: z.string().trim().min(1, 'text is required').max(1_000), url: z.url().optional() });

export interface SocialConnector {
  feed(input?: { limit?: number }): Promise<Availability<{ items: SocialItem[] }>>;
  /** Sent once: a repeated share would post twice. */
  share(input: z.input<typeof shareInput>): Promise<WriteResult<{ id: string }>>;
}

export function managedSocial(client: GatewayClient, { caller }: ConnectorBinding): SocialConnector {
  return {
    feed: ({ limit = 20 } = {}) => readFrom(client, caller, { path: '/api/social/feed', query: { limit }, schema: z.looseObject({ items: z.array(socialItemSchema) }) }, ({ items }) => ({ items })),
    share: (input) => writeTo(client, caller, { path: '/api/social/shares', body: shareInput.parse(input), schema: z.looseObject({ id: z.string() }) }, ({ id }) => ({ id })),
  };
}

export function selfHostedSocial(): SocialConnector {
  return {
    feed: async () => SELF_HOSTED,
    share: async (input) => {
      shareInput.parse(input);
      return { ok: false, reason: 'self_hosted' };
    },
  };
}
