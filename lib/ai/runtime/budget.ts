/**
 * Token accounting: each agent turn's tokens are added to the app's and the user's totals for the
 * calendar month (UTC) when the turn ends (or before it waits on the user), and a run does not start
 * once either budget (MOZAIKS_AI_TOKEN_BUDGET, MOZAIKS_AI_USER_TOKEN_BUDGET) is spent. Budgets are
 * checked before each agent turn, so a run may overshoot by at most one turn.
 */
import type { ChatOwner } from '@/lib/ai/chats/store';
import { database } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';

/** The app-wide row's user_id. */
const WHOLE_APP = '*';

type UsageRow = { period: string; user_id: string; input_tokens: number; output_tokens: number; total_tokens: number };

export const usagePeriod = (now = new Date()) => now.toISOString().slice(0, 7);

const usage = (appId: string) => database({ appId }).collection<UsageRow>('ai_token_usage');

/** Tokens spent this month by the app and by the user. */
export async function tokenUsage(owner: ChatOwner): Promise<{ period: string; app: number; user: number }> {
  const period = usagePeriod();
  const rows = await usage(owner.app_id).find({ period, user_id: { $in: [WHOLE_APP, owner.user_id] } });
  const total = (userId: string) => rows.find((row) => row.user_id === userId)?.total_tokens ?? 0;
  return { period, app: total(WHOLE_APP), user: total(owner.user_id) };
}

/** Throws 402 TOKEN_BUDGET_EXCEEDED when the app's or the user's monthly budget is spent. */
export async function assertWithinBudget(owner: ChatOwner): Promise<void> {
  const { appTokenBudget, userTokenBudget } = getEnv().ai;
  if (appTokenBudget < 0 && userTokenBudget < 0) return;
  const spent = await tokenUsage(owner);
  if (appTokenBudget >= 0 && spent.app >= appTokenBudget) {
    throw new ApiError('TOKEN_BUDGET_EXCEEDED', `This app has used its AI token budget for ${spent.period} (${appTokenBudget} tokens)`);
  }
  if (userTokenBudget >= 0 && spent.user >= userTokenBudget) {
    throw new ApiError('TOKEN_BUDGET_EXCEEDED', `You have used your AI token budget for ${spent.period} (${userTokenBudget} tokens)`);
  }
}

/** Adds one model call's tokens to this month's totals. */
export async function recordUsage(owner: ChatOwner, tokens: { input_tokens: number; output_tokens: number }): Promise<void> {
  const period = usagePeriod();
  const total = tokens.input_tokens + tokens.output_tokens;
  if (total === 0) return;
  const inc = { input_tokens: tokens.input_tokens, output_tokens: tokens.output_tokens, total_tokens: total };
  await Promise.all(
    [WHOLE_APP, owner.user_id].map((userId) => usage(owner.app_id).updateOne({ period, user_id: userId }, { $inc: inc }, { upsert: true })),
  );
}
