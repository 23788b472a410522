/** Joins class names, skipping the falsy ones: `cn('a', pending && 'opacity-60')`. */
export function cn(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}
