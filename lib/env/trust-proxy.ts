/**
 * TRUST_PROXY: which proxies in front of the server may tell us who the client is. Parsed here, with
 * the environment; lib/http/client-address.ts applies it to a request.
 */
import { BlockList, isIP } from 'node:net';

/** Whose forwarded headers to believe. */
export type TrustProxy =
  | { kind: 'none' }
  | { kind: 'all' }
  /** This many proxies stand in front of the server; the address the farthest of them saw is the client. */
  | { kind: 'hops'; hops: number }
  /** Proxies at these addresses are believed; the first address from the right that is not one of them is the client. */
  | { kind: 'list'; isTrusted: (address: string) => boolean };

/** Express's names for private ranges. */
const NAMED_RANGES: Record<string, Array<[string, number, 'ipv4' | 'ipv6']>> = {
  loopback: [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']],
  linklocal: [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']],
  uniquelocal: [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['fc00::', 7, 'ipv6']],
};

/** An IPv4 address that reached an IPv6 socket (`::ffff:10.0.0.1`) is the IPv4 address. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

function addEntry(list: BlockList, entry: string): boolean {
  const named = NAMED_RANGES[entry.toLowerCase()];
  if (named) {
    for (const [network, prefix, family] of named) list.addSubnet(network, prefix, family);
    return true;
  }
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (!address || !family || extra !== undefined) return false;
  if (prefix === undefined) {
    list.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
    return true;
  }
  const bits = Number(prefix);
  if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  return true;
}

/** TRUST_PROXY as a rule, or undefined when the value means nothing we know. */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === 'false' || text === '0' || text === 'off' || text === 'no') return { kind: 'none' };
  if (text === 'true' || text === 'on' || text === 'yes') return { kind: 'all' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new BlockList();
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (!entries.length || !entries.every((entry) => addEntry(list, entry))) return undefined;
  return {
    kind: 'list',
    isTrusted: (address) => {
      const normalized = normalizeAddress(address);
      const family = isIP(normalized);
      return family !== 0 && list.check(normalized, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
