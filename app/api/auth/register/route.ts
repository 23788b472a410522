// POST /api/auth/register — create a local account (JSON) and get an access token
import { issueTokenFor, registerLocalAccount, registrationSchema } from '@/lib/auth';
import { assertLocalAccounts } from '@/lib/auth/local-accounts';
import { getEnv } from '@/lib/env';
import { clientAddress, methods, readJson, route } from '@/lib/http';
import { startTrial } from '@/lib/subscriptions';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ auth: 'public' }, async ({ request }) => {
    assertLocalAccounts();
    const user = await registerLocalAccount({ registration: await readJson(request, registrationSchema), address: clientAddress(request) });
    await startTrial(getEnv().appId, user._id);
    return { access_token: await issueTokenFor(user), token_type: 'bearer', user_id: user._id, username: user.username };
  }),
});
