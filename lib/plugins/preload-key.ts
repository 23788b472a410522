/**
 * How a preloaded call is found again in the browser: its action and its input, with the input's keys
 * in a fixed order so `{a, b}` and `{b, a}` name the same call. Pure, for the server page and the
 * browser hook alike.
 */

/** The calls a page's server render made, by `preloadKey`, with their results as JSON would carry them. */
export type PreloadedCalls = Readonly<Record<string, unknown>>;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

export function preloadKey(action: string, input: unknown): string {
  return `${action}:${JSON.stringify(canonical(input ?? {}))}`;
}
