/**
 * Platform admin: an account as the identity and billing connectors report it (the platform's view
 * when managed, this app's users and subscriptions when self-hosted). Self-hosted, only a superadmin
 * may look at or change another account; managed, the platform decides with the caller's token.
 */
import { z } from 'zod';
import { roleName } from '@/lib/connectors/services/identity';
import { action, definePlugin, type PluginContext } from '@/lib/plugins/sdk';

/** The account asked about. Not `user_id`: the runtime sets that on every call (the caller) and keeps it out of action inputs. */
const account = z.string({ error: 'account is required' }).trim().min(1, 'account is required').max(200);

/** One account's identity, plan and usage, asked of the connectors at once. */
async function describeAccount(ctx: PluginContext, id: string) {
  const { identity, billing } = ctx.connectors;
  const [user, subscription, usage] = await Promise.all([identity.getUser(id), billing.getSubscriptionStatus(id), billing.getUsage(id)]);
  return { mode: ctx.connectors.mode, user_id: id, user, subscription, usage };
}

export default definePlugin({
  actions: {
    overview: action({
      input: z.object({}),
      handler: (_input, ctx) => describeAccount(ctx, ctx.user_id),
    }),
    lookup_user: action({
      input: z.object({ account }),
      handler: ({ account: id }, ctx) => describeAccount(ctx, id),
    }),
    check_permission: action({
      input: z.object({ account, permission: z.string().min(1, 'permission is required').max(120) }),
      handler: async ({ account: id, permission }, ctx) => ({ mode: ctx.connectors.mode, ...(await ctx.connectors.identity.checkPermission({ user_id: id, permission })) }),
    }),
    set_roles: action({
      input: z.object({ account, roles: z.array(roleName).max(50) }),
      handler: async ({ account: user_id, roles }, ctx) => {
        const result = await ctx.connectors.identity.updateRoles(user_id, roles);
        if (result.ok) return { mode: ctx.connectors.mode, user_id, roles: result.roles };
        if (result.reason === 'not_found') return { error: `User '${user_id}' not found`, error_code: 'NOT_FOUND' };
        if (result.reason === 'forbidden') return { error: 'Only a superadmin may change roles', error_code: 'FORBIDDEN' };
        if (result.reason === 'managed_externally') return { error: "This account's roles come from the identity provider; change them there", error_code: 'ROLES_MANAGED_EXTERNALLY' };
        return { error: `The roles were not changed (${result.reason})`, error_code: 'PLATFORM_UNAVAILABLE' };
      },
    }),
  },
});
