import type { HTMLAttributes } from 'react';
import { cn } from './cn';

/** A placeholder in the shape of content still loading; give its size with classes. */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden {...props} className={cn('animate-pulse rounded-theme bg-surface-alt', className)} />;
}

/** Rows of skeletons for a list that is loading, announced once to screen readers. */
export function SkeletonList({ rows = 3, label = 'Loading…' }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-2">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className="h-12 w-full" />
      ))}
    </div>
  );
}
