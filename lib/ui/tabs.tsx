'use client';

import { Tabs as Primitive } from 'radix-ui';
import type { ReactNode } from 'react';
import { cn } from './cn';

export interface TabItem {
  value: string;
  label: ReactNode;
  content: ReactNode;
}

/** Tabs (arrow keys move between them); uncontrolled with `defaultValue`, or controlled with `value`. */
export function Tabs({
  tabs,
  defaultValue,
  value,
  onValueChange,
  'aria-label': ariaLabel,
  className,
}: {
  tabs: readonly TabItem[];
  defaultValue?: string;
  value?: string;
  onValueChange?: (value: string) => void;
  'aria-label': string;
  className?: string;
}) {
  return (
    <Primitive.Root defaultValue={defaultValue ?? tabs[0]?.value} value={value} onValueChange={onValueChange} className={cn('space-y-4', className)}>
      <Primitive.List aria-label={ariaLabel} className="inline-flex gap-1 rounded-theme border border-line bg-surface-alt p-1">
        {tabs.map((tab) => (
          <Primitive.Trigger
            key={tab.value}
            value={tab.value}
            className="rounded-[calc(var(--mz-radius)/1.5)] px-3 py-1.5 text-sm text-fg-muted hover:text-fg data-[state=active]:bg-surface data-[state=active]:font-medium data-[state=active]:text-fg data-[state=active]:shadow-sm"
          >
            {tab.label}
          </Primitive.Trigger>
        ))}
      </Primitive.List>
      {tabs.map((tab) => (
        <Primitive.Content key={tab.value} value={tab.value} className="focus-visible:outline-none">
          {tab.content}
        </Primitive.Content>
      ))}
    </Primitive.Root>
  );
}
