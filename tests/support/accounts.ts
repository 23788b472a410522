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
