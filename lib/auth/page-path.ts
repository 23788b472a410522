/** Set by proxy.ts on every page request, so server components know where the visitor was going. */
export const PATH_HEADER = 'x-mozaiks-path';
