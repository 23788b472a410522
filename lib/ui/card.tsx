import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from './cn';

/** A bordered surface that groups one thing: a form, a list, a summary. */
export function Card({ className, ...props }: HTMLAttributes<HTMLElement> & { as?: never }) {
  return <section {...props} className={cn('rounded-theme border border-line bg-surface', className)} />;
}

/** A card's title row, with an optional description and actions at the end. */
export function CardHeader({ title, description, actions, className }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; className?: string }) {
  return (
    <header className={cn('flex flex-wrap items-start justify-between gap-3 border-b border-line px-4 py-3', className)}>
      <div className="min-w-0 space-y-0.5">
        <h2 className="text-base font-semibold text-fg">{title}</h2>
        {description && <p className="text-sm text-fg-muted">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </header>
  );
}

export function CardContent({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div {...props} className={cn('p-4', className)} />;
}
