/** Platform discovery: search the platform's app directory and see what it features, through `ctx.connectors.discovery`. */
import { z } from 'zod';
import { action, definePlugin } from '@/lib/plugins/sdk';

export default definePlugin({
  actions: {
    search: action({
      input: z.object({ query: z.string().trim().max(100, 'query is at most 100 characters').default(''), limit: z.number().int().min(1).max(50).default(20) }),
      handler: async (input, ctx) => ({ mode: ctx.connectors.mode, ...(await ctx.connectors.discovery.search(input)) }),
    }),
    featured: action({
      input: z.object({}),
      handler: async (_input, ctx) => ({ mode: ctx.connectors.mode, ...(await ctx.connectors.discovery.featured()) }),
    }),
  },
});
