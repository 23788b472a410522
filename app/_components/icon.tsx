import { icons, type LucideProps } from 'lucide-react';

/** "credit-card" → "CreditCard", the key of Lucide's icon map. */
function toComponentName(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, char: string) => char.toUpperCase());
}

export function hasIcon(name: string): boolean {
  return toComponentName(name) in icons;
}

/**
 * A Lucide icon chosen by its kebab-case name from a config file. Rendered on the server, so the icon
 * set never reaches the browser bundle. Unknown names fall back to a neutral square.
 */
export function Icon({ name, ...props }: { name: string | undefined } & LucideProps) {
  const Component = (name && icons[toComponentName(name) as keyof typeof icons]) || icons.Square;
  return <Component aria-hidden="true" focusable="false" {...props} />;
}
