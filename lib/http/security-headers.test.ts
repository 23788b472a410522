import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { answerSecurityHeaders, contentSecurityPolicy, createNonce } from './security-headers';

const plain = { https: false, connectSources: [], imgSources: [] };
const https = { https: true, connectSources: ['https://api.example.test'], imgSources: [] };

describe('security headers', () => {
  it('send Strict-Transport-Security only when the public URL is https, built once per settings', () => {
    expect(answerSecurityHeaders(plain)).not.toHaveProperty('strict-transport-security');
    expect(answerSecurityHeaders(https)['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(answerSecurityHeaders(https)).toBe(answerSecurityHeaders(https));
    expect(parseEnv({ AUTH_URL: 'https://app.example.com' }).security.https).toBe(true);
    expect(parseEnv({ NEXTAUTH_URL: 'https://app.example.com' }).security.https).toBe(true);
    expect(parseEnv({ AUTH_URL: 'http://localhost:3000' }).security.https).toBe(false);
  });

  it("allow eval in development only, and name only a plain Host in connect-src (a Host can't add directives)", () => {
    const nonce = createNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // The one 'unsafe' source in production: style attributes (Radix renders a few); never scripts or style elements.
    const attributes = "style-src-attr 'unsafe-inline'; ";
    const production = contentSecurityPolicy(plain, { nonce, isDev: false, host: 'localhost:3000' });
    expect(production).toContain(attributes);
    expect(production.replace(attributes, '')).not.toContain('unsafe');
    expect(contentSecurityPolicy(plain, { nonce, isDev: true, host: 'localhost:3000' })).toContain("'unsafe-eval'");
    const hostile = contentSecurityPolicy(plain, { nonce, isDev: false, host: "x; script-src 'unsafe-inline'" });
    expect(hostile).toContain("connect-src 'self';");
    expect(hostile.replace(attributes, '')).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy(https, { nonce, isDev: false, host: '[::1]:3000', formActions: ['https://sso.example.test'] })).toMatch(
      /connect-src 'self' ws:\/\/\[::1\]:3000 wss:\/\/\[::1\]:3000 https:\/\/api\.example\.test;.*form-action 'self' https:\/\/sso\.example\.test;.*upgrade-insecure-requests$/,
    );
  });

  it('refuse extra CSP sources that are not plain origins', () => {
    expect(parseEnv({ MOZAIKS_CSP_CONNECT_SRC: 'https://api.example.com, wss://*.example.com/live' }).security.connectSources).toEqual([
      'https://api.example.com',
      'wss://*.example.com/live',
    ]);
    for (const bad of ["'unsafe-eval'", '*', 'https://x.example.com;script-src', 'data:', 'example.com']) {
      expect(() => parseEnv({ MOZAIKS_CSP_IMG_SRC: bad }), bad).toThrow(/MOZAIKS_CSP_IMG_SRC/);
    }
  });
});
