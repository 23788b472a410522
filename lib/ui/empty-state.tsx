import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn';

/** What a list or page shows with nothing in it: what would be here, and how to add the first one. */
export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  className,
  'data-testid': testId,
}: {
  icon?: LucideIcon;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <div data-testid={testId} className={cn('flex flex-col items-center gap-2 rounded-theme border border-dashed border-line bg-surface px-6 py-10 text-center', className)}>
      {Icon && <Icon aria-hidden className="size-8 text-fg-muted" />}
      <p className="font-medium text-fg">{title}</p>
      {description && <p className="max-w-md text-sm text-fg-muted">{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
