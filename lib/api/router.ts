/**
 * Finds the route for a method and path among templated paths (`/api/notifications/{id}/read`):
 * a tree of path segments, literal segments before parameters, so `/api/notifications/count` is
 * its own endpoint and `/api/notifications/abc` the `{id}` one. As in Next, the path picks the
 * route and then the method is looked up: `GET /admin/users/action`, where only POST is declared,
 * is no match (Next answers its 405) rather than the `{id}` route. Used by the custom server's
 * direct dispatch, where it runs once per request.
 */
export interface Routable {
  method: string;
  path: string;
}

interface Node<R> {
  literal: Map<string, Node<R>>;
  param?: { name: string; node: Node<R> };
  byMethod: Map<string, R>;
}

const node = <R>(): Node<R> => ({ literal: new Map(), byMethod: new Map() });

function segmentsOf(path: string): string[] {
  return path.split('/').slice(1);
}

export interface Match<R> {
  route: R;
  params: Record<string, string>;
}

export function createRouter<R extends Routable>(routes: readonly R[]) {
  const root = node<R>();
  for (const route of routes) {
    let at = root;
    for (const segment of segmentsOf(route.path)) {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (name) {
        if (at.param && at.param.name !== name) throw new Error(`${route.path}: {${name}} where another path has {${at.param.name}}`);
        at.param ??= { name, node: node() };
        at = at.param.node;
      } else {
        let next = at.literal.get(segment);
        if (!next) at.literal.set(segment, (next = node()));
        at = next;
      }
    }
    if (at.byMethod.has(route.method)) throw new Error(`${route.method} ${route.path} is declared twice`);
    at.byMethod.set(route.method, route);
  }

  /** The node the path leads to (literal segments first), with the parameters on the way. */
  const find = (at: Node<R>, segments: string[], index: number, params: Record<string, string>): Node<R> | undefined => {
    if (index === segments.length) return at.byMethod.size ? at : undefined;
    const segment = segments[index]!;
    const literal = at.literal.get(segment);
    const found = literal && find(literal, segments, index + 1, params);
    if (found || !at.param || segment === '') return found;
    const value = decodeSegment(segment);
    if (value === undefined) return undefined;
    const viaParam = find(at.param.node, segments, index + 1, params);
    if (viaParam) params[at.param.name] = value;
    return viaParam;
  };

  /** The route for `method` at `path` (no query string), with its decoded parameters; undefined when none matches. */
  return (method: string, path: string): Match<R> | undefined => {
    const params: Record<string, string> = {};
    const route = find(root, segmentsOf(path), 0, params)?.byMethod.get(method);
    return route && { route, params };
  };
}

function decodeSegment(segment: string): string | undefined {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
