/**
 * What a generated route file exports: the endpoints at one path as Next route handlers, with
 * methods() answering the methods none of them has (JSON 405) and OPTIONS.
 */
import { methods } from '@/lib/http/route';
import type { AnyEndpoint } from './endpoint';

export function nextRoute(endpoints: AnyEndpoint[]) {
  return methods(Object.fromEntries(endpoints.map((declared) => [declared.method, declared.route])));
}
