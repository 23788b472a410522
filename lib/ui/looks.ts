// The kit's shared class lists, in a file of their own: light enough for chrome in every page's first load.
import { cn } from './cn';

/** The look every text-like control shares; `aria-invalid` turns the border red. */
export const controlClasses =
  'block w-full rounded-theme border border-line bg-surface px-3 py-2 text-sm text-fg placeholder:text-fg-muted outline-none focus-visible:border-accent aria-invalid:border-danger disabled:opacity-60';

/** The classes of a Select's trigger, shared with LazySelect's placeholder so the swap does not show. */
export function selectTriggerClasses(className?: string): string {
  return cn(controlClasses, 'flex h-10 items-center justify-between gap-2 text-left data-placeholder:text-fg-muted', className);
}
