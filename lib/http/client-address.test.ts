import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { clientAddress, clientProtocol, PEER_ADDRESS_HEADER, stampPeerAddress } from './client-address';

function withTrustProxy(value: string | undefined): void {
  if (value === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = value;
  resetEnvForTests();
}

/** A request as the custom server hands it on: the socket's peer stamped, plus the headers a client or proxies sent. */
function requestFrom(peer: string, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/api/auth/token', { headers: { ...headers, [PEER_ADDRESS_HEADER]: peer } });
}

afterEach(() => withTrustProxy(undefined));

describe('clientAddress', () => {
  // Marks this process as the custom server, as server.ts does on its first request.
  stampPeerAddress({ headers: {}, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage);

  it('believes no forwarded header by default: the socket peer is the client, whatever it claims', () => {
    withTrustProxy(undefined);
    expect(clientAddress(requestFrom('203.0.113.7', { 'x-forwarded-for': '198.51.100.1' }))).toBe('203.0.113.7');
    expect(clientAddress(requestFrom('::ffff:203.0.113.7', { 'x-forwarded-for': '198.51.100.2, 10.0.0.1' }))).toBe('203.0.113.7');
  });

  it('counts hops from the server with a number', () => {
    withTrustProxy('1');
    expect(clientAddress(requestFrom('10.0.0.5', { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' }))).toBe('203.0.113.7');
    withTrustProxy('2');
    expect(clientAddress(requestFrom('10.0.0.5', { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' }))).toBe('198.51.100.9');
    // More hops than entries: the farthest address known.
    withTrustProxy('5');
    expect(clientAddress(requestFrom('10.0.0.5', { 'x-forwarded-for': '203.0.113.7' }))).toBe('203.0.113.7');
  });

  it('walks past listed proxies only', () => {
    withTrustProxy('loopback, 10.0.0.0/8');
    expect(clientAddress(requestFrom('127.0.0.1', { 'x-forwarded-for': '198.51.100.9, 203.0.113.7, 10.1.2.3' }))).toBe('203.0.113.7');
    // A peer that is not a listed proxy is the client, whatever it forwards.
    expect(clientAddress(requestFrom('203.0.113.50', { 'x-forwarded-for': '198.51.100.9' }))).toBe('203.0.113.50');
  });

  it('takes the farthest address with true', () => {
    withTrustProxy('true');
    expect(clientAddress(requestFrom('10.0.0.5', { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' }))).toBe('198.51.100.9');
  });

  it('reads the forwarded protocol only from trusted proxies', () => {
    withTrustProxy(undefined);
    expect(clientProtocol(requestFrom('10.0.0.5', { 'x-forwarded-proto': 'https' }))).toBe('http');
    withTrustProxy('1');
    expect(clientProtocol(requestFrom('10.0.0.5', { 'x-forwarded-proto': 'https' }))).toBe('https');
  });
});

describe('TRUST_PROXY', () => {
  it('refuses values it cannot read', async () => {
    const { parseEnv, EnvError } = await import('@/lib/env');
    expect(() => parseEnv({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(EnvError);
    expect(() => parseEnv({ TRUST_PROXY: 'proxy.example.com' })).toThrow(EnvError);
    expect(parseEnv({ TRUST_PROXY: 'uniquelocal,::1' }).trustProxy.kind).toBe('list');
  });
});

