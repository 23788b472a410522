// POST /api/auth/register — create a local account (JSON) and get an access token
import { createLocalUser, issueTokenFor, registrationSchema } from '@/lib/auth';
import { assertLocalAccounts } from '@/lib/auth/local-accounts';
import { getEnv } from '@/lib/env';
import { methods, readJson, route } from '@/lib/http';
import { startTrial } from '@/lib/subscriptions';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  POST: route({ auth: 'public' }, async ({ request }) => {
    assertLocalAccounts();
    const user = await createLocalUser(getEnv().appId, await readJson(request, registrationSchema));
    await startTrial(getEnv().appId, user._id);
    return { access_token: await issueTokenFor(user), token_type: 'bearer', user_id: user._id, username: user.username };
  }),
});
