/**
 * Closes what Node's permission model leaves open inside a sandbox process. The model (started with
 * --permission, or --experimental-permission on Node 20, and no --allow-* but the plugin's bundle) already refuses the file
 * system, child processes, workers, native addons, the inspector and process.binding; it does not
 * refuse the network. So every way out to the network is replaced, on the shared prototypes and
 * module objects, before any plugin code loads: whichever path plugin code takes to a socket
 * (net, tls, http, https, http2, dgram, dns, fetch, WebSocket) ends in the same refusal.
 * The environment is empty already: the process is started with none.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

/** The code a sandbox refusal carries, so the server can answer PLUGIN_PERMISSION_DENIED. */
export const SANDBOX_DENIED = 'ERR_SANDBOX_DENIED';

function refusal(what: string): () => never {
  return () => {
    const error = new Error(`${what} is not allowed in the plugin sandbox; reach the hosts plugin.json lists in http_hosts through ctx.http.fetch`) as Error & { code: string };
    error.code = SANDBOX_DENIED;
    throw error;
  };
}

function replaceFunctions(target: object, what: string): void {
  for (const key of Object.getOwnPropertyNames(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor || typeof descriptor.value !== 'function' || key === 'constructor') continue;
    Object.defineProperty(target, key, { ...descriptor, value: refusal(what) });
  }
}

export function lockDown(): void {
  const connecting = 'Opening a network connection';
  net.Socket.prototype.connect = refusal(connecting);
  net.Server.prototype.listen = refusal('Listening on a port');
  for (const builtin of [net, tls, http, https, http2] as unknown as Record<string, unknown>[]) {
    for (const name of ['connect', 'createConnection', 'request', 'get', 'createServer', 'createSecureServer']) {
      if (typeof builtin[name] === 'function') builtin[name] = refusal(connecting);
    }
  }
  for (const name of ['send', 'bind', 'connect'] as const) dgram.Socket.prototype[name] = refusal('Sending datagrams');
  dgram.createSocket = refusal('Sending datagrams');
  // Name lookups leave the machine too (and can carry data out in the names asked for).
  // The resolver classes' prototypes first: replacing the modules' functions replaces the classes too.
  replaceFunctions(dns.Resolver.prototype, 'Looking up a host name');
  replaceFunctions(dns.promises.Resolver.prototype, 'Looking up a host name');
  replaceFunctions(dns, 'Looking up a host name');
  replaceFunctions(dns.promises, 'Looking up a host name');
  const globals = globalThis as Record<string, unknown>;
  for (const name of ['fetch', 'WebSocket', 'EventSource']) if (name in globals) globals[name] = refusal(connecting);
  // ESM namespaces of built-in modules (`import('node:net')`) are copies: bring them in line.
  syncBuiltinESMExports();
}
