/**
 * Process-wide singletons.
 *
 * The custom server (`server.ts`, bundled by esbuild) and Next's own bundles each get their own copy
 * of every module under `lib/`, and dev hot reload re-evaluates modules. State that must be one per
 * process (startup phase, parsed env, loaded configs, the Socket.IO server) therefore lives on
 * `globalThis` under a registered symbol, created on first use.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`mozaiks.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  let value = store[key];
  if (value === undefined) {
    value = create();
    store[key] = value;
  }
  return value;
}

/**
 * A value derived once per generated registry array: the custom server's bundle and Next's each
 * import their own copy of a generated registry (with their own modules), and dev hot reload brings
 * new ones, so each copy keeps its own derived value, computed once.
 */
export function derivedPerRegistry<K extends object, V>(name: string, derive: (registry: K) => V): (registry: K) => V {
  const cache = processSingleton(name, () => new WeakMap<K, V>());
  return (registry) => {
    let value = cache.get(registry);
    if (value === undefined) {
      value = derive(registry);
      cache.set(registry, value);
    }
    return value;
  };
}
