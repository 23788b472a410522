import { icons } from 'lucide-react';

export type LucideIconName = keyof typeof icons;

/** "credit-card" → "CreditCard", the key of Lucide's icon map. */
export function toLucideName(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_match, _dash, char: string) => char.toUpperCase());
}

/** Whether a kebab-case icon name from a config file exists in Lucide. */
export function isKnownIcon(name: string): boolean {
  return toLucideName(name) in icons;
}

/** The Lucide component for a config icon name, or a neutral square when the name is unknown. */
export function resolveIcon(name: string | undefined) {
  return (name && icons[toLucideName(name) as LucideIconName]) || icons.Square;
}
