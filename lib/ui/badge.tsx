import type { HTMLAttributes } from 'react';
import { cn } from './cn';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

// The tone colours the border, the tint and a dot; the text stays the theme's own, whose contrast the
// theme guarantees (a theme's success or warning colour on its own tint often falls short of 4.5:1).
const tones: Record<BadgeTone, { box: string; dot: string | null }> = {
  neutral: { box: 'border-line bg-surface-alt', dot: null },
  accent: { box: 'border-accent/50 bg-accent/10', dot: 'bg-accent' },
  success: { box: 'border-success/50 bg-success/10', dot: 'bg-success' },
  warning: { box: 'border-warning/50 bg-warning/10', dot: 'bg-warning' },
  danger: { box: 'border-danger/50 bg-danger/10', dot: 'bg-danger' },
};

/** A short status label: "Sample data", "Overdue", "Premium". */
export function Badge({ tone = 'neutral', className, children, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  const { box, dot } = tones[tone];
  return (
    <span {...props} className={cn('inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-xs font-medium text-fg', box, className)}>
      {dot && <span aria-hidden className={cn('size-1.5 rounded-full', dot)} />}
      {children}
    </span>
  );
}
