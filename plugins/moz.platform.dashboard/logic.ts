/**
 * Platform dashboard: one call that asks every platform service for its summary at once (payment,
 * growth, funding, community, social). Each section stands alone: one failing service leaves the
 * others on the page.
 */
import { z } from 'zod';
import { growthPeriod } from '@/lib/connectors/services/growth';
import { action, definePlugin } from '@/lib/plugins/sdk';

export default definePlugin({
  actions: {
    summary: action({
      input: z.object({ period: growthPeriod.default('30d') }),
      handler: async ({ period }, ctx) => {
        const { payment, growth, funding, community, social } = ctx.connectors;
        const [subscription, metrics, campaigns, posts, feed] = await Promise.all([
          payment.subscriptionStatus({ scope: 'app', appId: ctx.app_id }),
          growth.metrics({ period }),
          funding.listCampaigns(),
          community.listPosts({ limit: 5 }),
          social.feed({ limit: 5 }),
        ]);
        return { mode: ctx.connectors.mode, subscription, metrics, campaigns, posts, feed };
      },
    }),
  },
});
