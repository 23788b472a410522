/**
 * Issue #19, finding 6: no security headers were sent. Pages must carry a nonce-based
 * Content-Security-Policy whose nonce is on every script and inline style the page has; every answer
 * (pages, Next's API routes, Auth.js, and plugin calls the custom server answers itself) must carry
 * nosniff, the referrer and permissions policies, and Strict-Transport-Security when the public URL
 * is https — and only then. Checked on the custom server and on plain `next start`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer, type ServerMode } from '../support/server';

const HTTPS_ENV = { AUTH_URL: 'https://app.example.test', MOZAIKS_CSP_CONNECT_SRC: 'https://api.example.test wss://live.example.test', MOZAIKS_CSP_IMG_SRC: 'https://cdn.example.test' };

/** The CSP's directives by name. */
function directives(policy: string | null): Map<string, string[]> {
  expect(policy, 'Content-Security-Policy header').toBeTruthy();
  return new Map(
    policy!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectAnswerHeaders(response: Response, { https }: { https: boolean }) {
  const what = `${response.url} (${response.status})`;
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
  expect(response.headers.get('permissions-policy'), what).toMatch(/(^|, )camera=\(\)/);
  expect(response.headers.get('strict-transport-security'), what).toBe(https ? 'max-age=31536000; includeSubDomains' : null);
}

/** A page's nonce, after checking the policy around it. */
function expectPagePolicy(response: Response, html: string, { https }: { https: boolean }): string {
  const policy = directives(response.headers.get('content-security-policy'));
  const script = policy.get('script-src') ?? [];
  const nonce = script.find((source) => source.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce, `a nonce in script-src: ${script.join(' ')}`).toBeTruthy();
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(policy.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
  // Style attributes only (Radix renders a few); style elements still need the nonce.
  expect(policy.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.has('upgrade-insecure-requests')).toBe(https);
  // The browser runs only what carries the nonce: every script and inline style of the page must.
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, 'script without the nonce').toContain(`nonce="${nonce}"`);
  const styles = html.match(/<style\b[^>]*>/g) ?? [];
  expect(styles.length, 'the theme style').toBeGreaterThan(0);
  for (const tag of styles) expect(tag, 'style without the nonce').toContain(`nonce="${nonce}"`);
  expectAnswerHeaders(response, { https });
  return nonce!;
}

describe.each<ServerMode>(['custom', 'next-start'])('security headers (%s)', (mode) => {
  let https: RunningServer;
  let plain: RunningServer;

  beforeAll(async () => {
    [https, plain] = await Promise.all([
      startServer({ mode, env: { MOZAIKS_APP_ID: 'headers_app', ...HTTPS_ENV } }),
      startServer({ mode, env: { MOZAIKS_APP_ID: 'headers_app' } }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([https?.stop(), plain?.stop()]);
  });

  it('pages: a fresh nonce per answer on every script and style, the configured sources, and HSTS only for an https public URL', async () => {
    for (const [server, isHttps] of [[https, true], [plain, false]] as const) {
      const first = await fetch(`${server.url}/sign-in`);
      const second = await fetch(`${server.url}/sign-in`);
      const nonces = [expectPagePolicy(first, await first.text(), { https: isHttps }), expectPagePolicy(second, await second.text(), { https: isHttps })];
      expect(nonces[0]).not.toBe(nonces[1]);

      const { headers } = await registerAccount(server.url);
      for (const path of ['/', '/plugins/notes', '/settings', '/ai']) {
        const page = await fetch(`${server.url}${path}`, { headers });
        expect(page.status, path).toBe(200);
        expectPagePolicy(page, await page.text(), { https: isHttps });
      }
      // A page whose path merely starts like a runtime route (/info, /api) is still a page, even as a 404.
      const missing = await fetch(`${server.url}/information`, { headers });
      expect(missing.status).toBe(404);
      expectPagePolicy(missing, await missing.text(), { https: isHttps });
      // Anonymous visitors are redirected by the proxy; that answer is the server's too.
      const redirect = await fetch(`${server.url}/settings`, { redirect: 'manual' });
      expect(redirect.status).toBe(307);
      expectAnswerHeaders(redirect, { https: isHttps });
    }
    const policy = directives((await fetch(`${https.url}/sign-in`)).headers.get('content-security-policy'));
    expect(policy.get('connect-src')).toEqual(["'self'", `ws://localhost:${https.port}`, `wss://localhost:${https.port}`, 'https://api.example.test', 'wss://live.example.test']);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'https://cdn.example.test']);
  });

  it('API answers: route handlers, Auth.js, unknown paths and plugin calls (answered by the custom server itself in production)', async () => {
    for (const [server, isHttps] of [[https, true], [plain, false]] as const) {
      const { headers } = await registerAccount(server.url);
      const answers = [
        await fetch(`${server.url}/api/auth/me`, { headers }),
        await fetch(`${server.url}/api/auth/me`),
        await fetch(`${server.url}/api/auth/csrf`),
        await fetch(`${server.url}/api/nope`),
        await fetch(`${server.url}/health`),
        await fetch(`${server.url}/api/execute/notes`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'list' }) }),
        await fetch(`${server.url}/api/execute/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
      ];
      // The custom server refuses unknown methods itself, before Next or a direct route.
      if (mode === 'custom') answers.push(await fetch(`${server.url}/`, { method: 'PROPFIND' }));
      expect(answers.map((answer) => answer.status)).toEqual([200, 401, 200, 404, 200, 200, 401, ...(mode === 'custom' ? [405] : [])]);
      for (const answer of answers) expectAnswerHeaders(answer, { https: isHttps });
    }
  });
});
