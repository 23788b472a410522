/**
 * What the sample-data connectors share: a random source seeded by the app and the caller (the same
 * question gets the same answer, and two apps do not look alike) and times relative to now.
 */

/** How a mock is made: for one binding, with a clock tests can fix. */
export interface SampleOptions {
  /** Milliseconds since the epoch; default Date.now. */
  now?: () => number;
}

const HOUR_MS = 3_600_000;

/** FNV-1a over the seed's UTF-16 units, then mulberry32: small, fast and evenly spread; not for secrets. */
export function seededRandom(...seed: string[]): () => number {
  let state = 0x811c9dc5;
  for (const char of seed.join('\u0000')) state = Math.imul(state ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A whole number in [min, max]. */
export function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pickOne<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** `count` different items, in a seeded order. */
export function pickSome<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length) picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return picked;
}

/** An ISO time `hours` before (negative: after) now, on the hour so that one page's answers agree. */
export function hoursFromNow(now: number, hours: number): string {
  return new Date(Math.floor(now / HOUR_MS) * HOUR_MS + hours * HOUR_MS).toISOString();
}

/** A readable name from an app id: `acme_crm` → `Acme Crm`. */
export function titleOf(id: string): string {
  return id.split(/[_.-]+/).filter(Boolean).map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ') || id;
}

/** An id for something a mock pretends to have stored, stable for the same input. */
export function sampleId(prefix: string, ...seed: string[]): string {
  return `sample_${prefix}_${Math.floor(seededRandom(...seed)() * 0xffffff).toString(16).padStart(6, '0')}`;
}

export function clockOf(options: SampleOptions): () => number {
  return options.now ?? Date.now;
}
