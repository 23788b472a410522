'use client';

import { useEffect, useState } from 'react';

const loaded = new Map<() => Promise<unknown>, unknown>();

/**
 * A module fetched after the page has hydrated instead of with it, for chrome that every page shows but
 * nobody needs in the first second (the header's theme selector, the toasts' viewport): its code leaves
 * the page's first-load JavaScript (bench/pages.ts). Undefined until it has arrived; at once on later
 * mounts. `load` must be a stable, module-level `() => import('…')`; with `when` false it waits (a panel
 * fetched on first open).
 */
export function useLazyModule<T>(load: () => Promise<T>, when = true): T | undefined {
  const [module, setModule] = useState(() => loaded.get(load) as T | undefined);
  useEffect(() => {
    if (module || !when) return;
    let mounted = true;
    void load().then(
      (arrived) => {
        loaded.set(load, arrived);
        if (mounted) setModule(() => arrived);
      },
      // A chunk that cannot be fetched (a redeploy under this page): the placeholder stays; a reload mends it.
      () => undefined,
    );
    return () => {
      mounted = false;
    };
  }, [load, module, when]);
  return module;
}
