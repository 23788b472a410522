import type { LucideProps } from 'lucide-react';
import { createElement } from 'react';
import { resolveIcon } from '@/lib/ui/icons';

/**
 * A Lucide icon chosen by its kebab-case name from a config file. Rendered on the server, so the icon
 * set never reaches the browser bundle. Unknown names fall back to a neutral square (the doctor warns).
 */
export function Icon({ name, ...props }: { name: string | undefined } & LucideProps) {
  // createElement: the component is looked up in a static map, not created here.
  return createElement(resolveIcon(name), { 'aria-hidden': true, focusable: false, ...props });
}
