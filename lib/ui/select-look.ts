import { cn } from './cn';
import { controlClasses } from './input';

/** The classes of a Select's trigger, shared with LazySelect's placeholder so the swap does not show. */
export function selectTriggerClasses(className?: string): string {
  return cn(controlClasses, 'flex h-10 items-center justify-between gap-2 text-left data-placeholder:text-fg-muted', className);
}
