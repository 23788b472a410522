import { createServer, type Server } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { freePort } from './server';

/**
 * An issuer that speaks the parts of Keycloak's protocol the server calls: the realm's JWKS at
 * /realms/<realm>/protocol/openid-connect/certs and the refresh-token grant of its token endpoint.
 * Tests sign tokens with its keys, rotate them, and count refreshes.
 * (The real Keycloak runs in the end-to-end suite.)
 */
export interface TestIssuer {
  issuer: string;
  /** Signs a token with the current key unless `key`/`kid` say otherwise. */
  sign: (claims: JWTPayload, options?: { expiresIn?: string; kid?: string; key?: CryptoKey | Uint8Array; issuer?: string; audience?: string }) => Promise<string>;
  /** Replaces the published key with a new one and returns its kid. */
  rotate: () => Promise<string>;
  publicKeyPem: () => Promise<string>;
  fetches: () => number;
  /** Refresh-token grants the token endpoint has answered. */
  refreshes: () => number;
  close: () => Promise<void>;
}

export async function startTestIssuer(options: { audience: string }): Promise<TestIssuer> {
  let current = { kid: 'key-1', ...(await generateKeyPair('RS256', { extractable: true })) };
  let fetches = 0;
  let refreshes = 0;
  const jwks = async (): Promise<{ keys: JWK[] }> => ({ keys: [{ ...(await exportJWK(current.publicKey)), kid: current.kid, alg: 'RS256', use: 'sig' }] });
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}/realms/test`;
  const sign: TestIssuer['sign'] = (claims, signOptions = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: signOptions.kid ?? current.kid, typ: 'JWT' })
      .setIssuer(signOptions.issuer ?? issuer)
      .setAudience(signOptions.audience ?? options.audience)
      .setIssuedAt()
      .setExpirationTime(signOptions.expiresIn ?? '5m')
      .sign(signOptions.key ?? current.privateKey);
  const server: Server = createServer((req, res) => {
    if (req.url === '/realms/test/protocol/openid-connect/certs') {
      fetches += 1;
      void jwks().then((body) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      });
      return;
    }
    if (req.url === '/realms/test/protocol/openid-connect/token' && req.method === 'POST') {
      // The refresh-token grant, slow on purpose (as under load) so concurrent callers overlap.
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'refresh_token' || !form.get('refresh_token')) {
          res.statusCode = 400;
          res.end(JSON.stringify({ error: 'invalid_grant' }));
          return;
        }
        refreshes += 1;
        setTimeout(() => {
          void sign({ sub: 'kc-refresh', preferred_username: 'refresher', realm_access: { roles: ['user'] } }, {}).then((access) => {
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({ access_token: access, refresh_token: `rotated-${refreshes}`, id_token: 'id', expires_in: 300 }));
          });
        }, 300);
      });
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  let rotation = 1;
  return {
    issuer,
    sign,
    rotate: async () => {
      rotation += 1;
      current = { kid: `key-${rotation}`, ...(await generateKeyPair('RS256', { extractable: true })) };
      return current.kid;
    },
    publicKeyPem: () => exportSPKI(current.publicKey),
    fetches: () => fetches,
    refreshes: () => refreshes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
