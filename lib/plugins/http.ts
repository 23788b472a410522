/**
 * `ctx.http.fetch`: a plugin's only way to the network, and only to the hosts its manifest lists in
 * `http_hosts`. The same for trusted and sandboxed plugins (for a sandboxed one, the request is
 * made here, in the server, on its behalf).
 */
import { z } from 'zod';
import { ApiError } from '@/lib/errors';
import { parseOrRefuse } from '@/lib/http/validate';
import type { PluginManifest } from './manifest';
import type { PluginFetchInit, PluginFetchResponse } from './sdk';

/** Largest answer a plugin receives, so a listed host cannot fill the server's memory. */
export const PLUGIN_FETCH_MAX_BYTES = 5_000_000;

const fetchInit = z
  .object({
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    headers: z.record(z.string(), z.string()).default({}),
    body: z.string().max(PLUGIN_FETCH_MAX_BYTES).optional(),
  })
  .default({ method: 'GET', headers: {} });

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * Whether a URL's host is listed: `api.example.com` (on the scheme's default port), `*.example.com`
 * (its subdomains, same), or `host:port` for exactly that port.
 */
export function isHostAllowed(url: URL, hosts: readonly string[]): boolean {
  const port = url.port || DEFAULT_PORTS[url.protocol] || '';
  const hostname = url.hostname.toLowerCase();
  return hosts.some((pattern) => {
    const [name, listedPort] = pattern.toLowerCase().split(':') as [string, string | undefined];
    if ((listedPort ?? DEFAULT_PORTS[url.protocol]) !== port) return false;
    return name.startsWith('*.') ? hostname.endsWith(name.slice(1)) && hostname.length > name.length - 1 : hostname === name;
  });
}

function refuse(plugin: string, detail: string): never {
  throw new ApiError('PLUGIN_PERMISSION_DENIED', `Plugin '${plugin}': ${detail}`);
}

export async function pluginFetch({ manifest, url, init, signal }: { manifest: PluginManifest; url: unknown; init?: PluginFetchInit; signal: AbortSignal }): Promise<PluginFetchResponse> {
  let target: URL;
  try {
    target = new URL(String(url));
  } catch {
    throw new ApiError('VALIDATION_ERROR', `ctx.http.fetch: "${String(url)}" is not a URL`);
  }
  if (!DEFAULT_PORTS[target.protocol]) refuse(manifest.name, `ctx.http.fetch only speaks http and https, not ${target.protocol}`);
  if (!isHostAllowed(target, manifest.http_hosts)) refuse(manifest.name, `${target.host} is not in its plugin.json http_hosts`);
  const request = parseOrRefuse(fetchInit, init, { what: 'ctx.http.fetch', subject: 'init' });
  const response = await fetch(target, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', signal });
  if (Number(response.headers.get('content-length') ?? 0) > PLUGIN_FETCH_MAX_BYTES) {
    await response.body?.cancel();
    refuse(manifest.name, `the answer from ${target.host} is larger than ${PLUGIN_FETCH_MAX_BYTES} bytes`);
  }
  const text = await response.text();
  if (Buffer.byteLength(text) > PLUGIN_FETCH_MAX_BYTES) refuse(manifest.name, `the answer from ${target.host} is larger than ${PLUGIN_FETCH_MAX_BYTES} bytes`);
  return { status: response.status, ok: response.ok, headers: Object.fromEntries(response.headers), text };
}
