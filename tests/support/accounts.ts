/** Registers a fresh local account on a running server and returns its Bearer header. */
export async function registerAccount(baseUrl: string, username = `user${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`) {
  const response = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-password`, email: `${username}@example.com`, full_name: `Test ${username}` }),
  });
  if (response.status !== 200) throw new Error(`register failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { access_token: string; user_id: string; username: string };
  return { ...body, headers: { authorization: `Bearer ${body.access_token}` } };
}

/**
 * Signs in through Auth.js's credentials form, as the sign-in page does, and returns the session
 * cookie (`name=value`) a browser would then send.
 */
export async function signInSession(baseUrl: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, origin: baseUrl },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${baseUrl}/` }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('authjs.session-token='));
  if (!session) throw new Error(`sign-in failed: ${response.status} ${response.headers.get('location')}`);
  return session.split(';')[0]!;
}
