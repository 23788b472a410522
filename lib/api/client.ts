/**
 * The browser's typed client for this app's endpoints: the endpoint is named as `METHOD /path`, as
 * the table declares it, and its params, query, body and answer are typed by the same schemas the
 * server parses with (types only: nothing of the server reaches the browser bundle).
 *
 *   const { theme } = await callApi('GET /api/current-theme');
 *   await callApi('POST /api/notifications/{id}/read', { params: { id } });
 *
 * Failures throw ApiRequestError (lib/http/browser.ts) with the server's `detail` and `error_code`.
 */
import type { z } from 'zod';
import { requestJson } from '@/lib/http/browser';
import type { EndpointsByKey } from './table';

export type EndpointKey = keyof EndpointsByKey;

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;
type Part<Name extends string, S> = [NonNullable<S>] extends [never] ? unknown : NonNullable<S> extends z.ZodType ? { [K in Name]: InputOf<NonNullable<S>> } : unknown;

/** What a call sends: `params`, `query` and `body` where the endpoint declares them. */
export type ApiArgs<K extends EndpointKey> = Part<'params', EndpointsByKey[K]['params']> & Part<'query', EndpointsByKey[K]['query']> & Part<'body', EndpointsByKey[K]['body']>;

/** What a call answers: the endpoint's output schema's type (unknown where it declares none). */
export type ApiOutput<K extends EndpointKey> = NonNullable<EndpointsByKey[K]['output']> extends z.ZodType ? z.output<NonNullable<EndpointsByKey[K]['output']>> : unknown;

/** `/api/notifications/{id}/read` with `{id: 'n 1'}` → `/api/notifications/n%201/read`. */
function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Whether every part of a call's arguments may be left out (the endpoint takes no params, query or body). */
type Optional<T> = Record<never, never> extends T ? true : false;

/** Calls an endpoint; `args` is required where the endpoint takes params, a query or a body. */
export function callApi<K extends EndpointKey>(key: K, ...args: Optional<ApiArgs<K>> extends true ? [ApiArgs<K>?] : [ApiArgs<K>]): Promise<ApiOutput<K>> {
  const [method, template] = (key as string).split(' ') as [string, string];
  const { params, query, body } = (args[0] ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  return requestJson<ApiOutput<K>>(`${fillPath(template, params)}${queryString(query)}`, { method, body });
}
