import { describe, expect, it } from 'vitest';
import { rolesFromClaims, tokenKind } from './tokens';

describe('rolesFromClaims', () => {
  const claims = {
    realm_access: { roles: ['user', 'offline_access', 'uma_authorization', 'default-roles-mozaiks', 'superadmin'] },
    resource_access: { account: { roles: ['manage-account'] }, 'mozaiks-app': { roles: ['editor'] } },
    custom: { nested: { roles: ['a', 'b', 3] } },
  };

  it('merges realm and client roles, leaving out the ones Keycloak gives everybody', () => {
    expect(rolesFromClaims(claims, undefined)).toEqual(['user', 'superadmin', 'editor']);
  });

  it('reads a configured claim by dot path, keeping only strings', () => {
    expect(rolesFromClaims(claims, 'custom.nested.roles')).toEqual(['a', 'b']);
    expect(rolesFromClaims(claims, 'missing.path')).toEqual([]);
  });
});

describe('tokenKind', () => {
  const token = (header: object) => `${Buffer.from(JSON.stringify(header)).toString('base64url')}.e30.sig`;

  it('routes HS256 to the local verifier and asymmetric algorithms to Keycloak', () => {
    expect(tokenKind(token({ alg: 'HS256' }))).toBe('local');
    expect(tokenKind(token({ alg: 'RS256', kid: 'k' }))).toBe('keycloak');
    expect(tokenKind(token({ alg: 'ES256' }))).toBe('keycloak');
  });

  it('refuses alg none, other HMAC sizes and non-JWTs', () => {
    expect(() => tokenKind(token({ alg: 'none' }))).toThrow(/Unsupported token algorithm/);
    expect(() => tokenKind(token({ alg: 'HS512' }))).toThrow(/Unsupported token algorithm/);
    expect(() => tokenKind('not-a-jwt')).toThrow(/Invalid token format/);
  });
});
