/**
 * Platform hosting: the caller's apps on the Mozaiks platform, through `ctx.connectors.hosting`.
 * Self-hosted, or when the gateway fails, the answer says so (`available: false` with a reason) and
 * the page explains it; nothing here throws for a platform problem.
 */
import { z } from 'zod';
import { action, definePlugin } from '@/lib/plugins/sdk';

export default definePlugin({
  actions: {
    list_apps: action({
      input: z.object({}),
      handler: async (_input, ctx) => ({ mode: ctx.connectors.mode, ...(await ctx.connectors.hosting.listApps()) }),
    }),
    app_status: action({
      // `app`, not `app_id`: the runtime sets `app_id` on every call (this app's id) and keeps it out of action inputs.
      input: z.object({ app: z.string({ error: 'app is required' }).trim().min(1, 'app is required').max(100) }),
      handler: async ({ app }, ctx) => ({ mode: ctx.connectors.mode, ...(await ctx.connectors.hosting.getApp(app)) }),
    }),
  },
});
