/**
 * Who the client is, for rate limits and lock-outs, and how it reached us. Forwarded headers are
 * believed only as far as TRUST_PROXY says (lib/env/trust-proxy.ts), as Express and Fastify do:
 * without it, a client that sends `X-Forwarded-For: <anything>` is still one client.
 *
 * The custom server knows each socket's peer and hands it on in PEER_ADDRESS_HEADER, replacing any
 * value a client sent; the header is believed only in a process where the custom server said so.
 * Plain `next start` cannot see the socket: there the nearest proxy's X-Forwarded-For entry is the
 * peer, which is why a deployment on `next start` must sit behind a proxy with TRUST_PROXY set
 * (docs/operations.md, "Security").
 */
import type { IncomingMessage } from 'node:http';
import { getEnv, type TrustProxy } from '@/lib/env';
import { normalizeAddress } from '@/lib/env/trust-proxy';
import { processSingleton } from '@/lib/runtime/global';

/** Set by the custom server on every request: the address of the socket's peer. */
export const PEER_ADDRESS_HEADER = 'x-mozaiks-peer-address';

const customServer = processSingleton('custom-server-peer', () => ({ active: false }));

/**
 * Called by the custom server for each request before anything reads it: records the socket's peer
 * (overwriting a client's own PEER_ADDRESS_HEADER) and marks the header as believable in this process.
 */
export function stampPeerAddress(req: IncomingMessage): void {
  customServer.active = true;
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
}

function peerAddress(request: Request): string | undefined {
  if (!customServer.active) return undefined;
  const peer = request.headers.get(PEER_ADDRESS_HEADER);
  return peer ? normalizeAddress(peer) : undefined;
}

function forwardedFor(request: Request): string[] {
  const header = request.headers.get('x-forwarded-for');
  return header ? header.split(',').map(normalizeAddress).filter(Boolean) : [];
}

/** Reads the address chain from the right, past the proxies `trust` believes. */
function pickFromChain(chain: string[], peerIsKnown: boolean, trust: Exclude<TrustProxy, { kind: 'none' }>): string {
  if (trust.kind === 'all') return chain[0]!;
  if (trust.kind === 'hops') return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
  let index = chain.length - 1;
  // Without the socket (plain `next start`), the last entry is the nearest proxy's report of its peer.
  const firstChecked = peerIsKnown ? index : index - 1;
  while (index > 0 && (index > firstChecked || trust.isTrusted(chain[index]!))) index -= 1;
  return chain[index]!;
}

/** The client's address as the server can know it: the socket's peer, or what the proxies TRUST_PROXY names reported. */
export function clientAddress(request: Request): string {
  const peer = peerAddress(request);
  const forwarded = forwardedFor(request);
  const trust = getEnv().trustProxy;
  if (trust.kind === 'none') return peer ?? forwarded.at(-1) ?? 'unknown';
  // The chain ends with the hop closest to us; without the socket (plain `next start`), a placeholder for the proxy in front.
  const chain = [...forwarded, peer ?? 'proxy'];
  return pickFromChain(chain, peer !== undefined, trust);
}

/** `https` or `http`, as the client reached the nearest proxy TRUST_PROXY believes (or us). */
export function clientProtocol(request: Request): 'https' | 'http' {
  const own = new URL(request.url).protocol === 'https:' ? 'https' : 'http';
  if (getEnv().trustProxy.kind === 'none') return own;
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || forwarded === 'http' ? forwarded : own;
}
