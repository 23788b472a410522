/** True when `path` is the current page or one of its sub-pages ("/" only matches itself). */
export function isActivePath(current: string, path: string): boolean {
  if (path === '/') return current === '/';
  return current === path || current.startsWith(`${path}/`);
}
