import { createServer, type Server } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { freePort } from './server';

/**
 * An issuer that speaks the one part of Keycloak's protocol Bearer validation uses: the realm's JWKS
 * at /realms/<realm>/protocol/openid-connect/certs. Tests sign tokens with its keys and rotate them.
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
  close: () => Promise<void>;
}

export async function startTestIssuer(options: { audience: string }): Promise<TestIssuer> {
  let current = { kid: 'key-1', ...(await generateKeyPair('RS256', { extractable: true })) };
  let fetches = 0;
  const jwks = async (): Promise<{ keys: JWK[] }> => ({ keys: [{ ...(await exportJWK(current.publicKey)), kid: current.kid, alg: 'RS256', use: 'sig' }] });
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}/realms/test`;
  const server: Server = createServer((req, res) => {
    if (req.url === '/realms/test/protocol/openid-connect/certs') {
      fetches += 1;
      void jwks().then((body) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
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
    sign: (claims, signOptions = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: signOptions.kid ?? current.kid, typ: 'JWT' })
        .setIssuer(signOptions.issuer ?? issuer)
        .setAudience(signOptions.audience ?? options.audience)
        .setIssuedAt()
        .setExpirationTime(signOptions.expiresIn ?? '5m')
        .sign(signOptions.key ?? current.privateKey),
    rotate: async () => {
      rotation += 1;
      current = { kid: `key-${rotation}`, ...(await generateKeyPair('RS256', { extractable: true })) };
      return current.kid;
    },
    publicKeyPem: () => exportSPKI(current.publicKey),
    fetches: () => fetches,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
