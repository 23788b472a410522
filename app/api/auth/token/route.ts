// POST /api/auth/token — exchange a username and password (OAuth2 password form) for an access token
import { z } from 'zod';
import { issueTokenFor, signInWithPassword } from '@/lib/auth';
import { assertLocalAccounts } from '@/lib/auth/local-accounts';
import { clientAddress, methods, readForm, route } from '@/lib/http';

const credentials = z.object({
  username: z.string({ error: 'username is required' }).min(1, 'username is required').max(100),
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(1000),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  POST: route({ auth: 'public' }, async ({ request }) => {
    assertLocalAccounts();
    const { username, password } = await readForm(request, credentials);
    const user = await signInWithPassword({ username, password, address: clientAddress(request) });
    return { access_token: await issueTokenFor(user), token_type: 'bearer', user_id: user._id, username: user.username };
  }),
});
