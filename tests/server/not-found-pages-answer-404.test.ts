/**
 * Pages that call notFound() showed the 404 page with HTTP 200: app/loading.tsx put every page under a Suspense
 * boundary, so the response began streaming (and committed to 200) before the page had decided. An unknown path
 * never had the problem (Next answers it before rendering any page); every page that can decide "not found" at
 * request time must answer as it does. (For those pages Next sends its error document, whose body the browser renders
 * from the page's payload: the HTML carries the 404 page's text, and e2e/shell.spec.ts checks what a browser shows.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { visibleText } from '../support/html';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let user: Awaited<ReturnType<typeof registerAccount>>;

beforeAll(async () => {
  // The default configuration: monetization off, so the plans page does not exist.
  server = await startServer({ env: { MOZAIKS_APP_ID: 'acme_not_found' } });
  // The first account of an app is its superadmin; the second is a plain user.
  await registerAccount(server.url);
  user = await registerAccount(server.url);
});

afterAll(async () => {
  await server?.stop();
});

async function getPage(url: string, headers: Record<string, string> = user.headers) {
  const response = await fetch(url, { headers, redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

function expectNotFoundPage(page: { status: number; html: string }) {
  expect(page.status).toBe(404);
  expect(page.html).toContain('<title>Page not found');
  expect(page.html).toContain('The page you asked for does not exist, or it has moved.');
  expect(page.html).toContain('Back to the dashboard');
}

describe('a page that does not exist answers 404 with the 404 page', () => {
  it.each([
    ['/does-not-exist', 'an unknown path'],
    ['/subscriptions', 'the plans, with monetization off'],
    ['/plugins/nope', 'an unknown plugin'],
    ['/admin', 'the admin area, to a user who is not a superadmin'],
    ['/ai/no-such-chat', 'a chat that does not exist'],
  ])('%s (%s)', async (path) => {
    expectNotFoundPage(await getPage(`${server.url}${path}`));
  });

  it('/sign-up with local accounts off', async () => {
    const keycloakOnly = await startServer({ env: { MOZAIKS_APP_ID: 'acme_not_found_sso', AUTH_LOCAL_ACCOUNTS: 'false' } });
    try {
      expectNotFoundPage(await getPage(`${keycloakOnly.url}/sign-up`, {}));
    } finally {
      await keycloakOnly.stop();
    }
  });

  it('while a page that exists answers 200: a plugin page', async () => {
    const page = await getPage(`${server.url}/plugins/notes`);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('Notes');
    expect(text).not.toContain('Page not found');
  });
});
