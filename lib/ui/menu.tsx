'use client';

import { DropdownMenu as Primitive, Tooltip as TooltipPrimitive } from 'radix-ui';
import type { ReactNode } from 'react';
import { cn } from './cn';

export interface MenuItem {
  label: ReactNode;
  onSelect: () => void;
  icon?: ReactNode;
  destructive?: boolean;
  disabled?: boolean;
}

/** A menu of actions opened by `trigger` (a <Button>); arrow keys, typeahead and Escape work. */
export function DropdownMenu({ trigger, items, label, align = 'end' }: { trigger: ReactNode; items: readonly (MenuItem | 'separator')[]; label?: string; align?: 'start' | 'end' }) {
  return (
    <Primitive.Root>
      <Primitive.Trigger asChild>{trigger}</Primitive.Trigger>
      <Primitive.Portal>
        <Primitive.Content align={align} sideOffset={4} className="z-50 min-w-44 rounded-theme border border-line bg-surface p-1 text-fg shadow-lg">
          {label && <Primitive.Label className="px-2 py-1.5 text-xs font-medium text-fg-muted">{label}</Primitive.Label>}
          {items.map((item, index) =>
            item === 'separator' ? (
              <Primitive.Separator key={index} className="my-1 h-px bg-line" />
            ) : (
              <Primitive.Item
                key={index}
                disabled={item.disabled}
                onSelect={item.onSelect}
                className={cn(
                  'flex cursor-default items-center gap-2 rounded-[calc(var(--mz-radius)/2)] px-2 py-1.5 text-sm outline-none select-none data-disabled:opacity-50 data-highlighted:bg-surface-alt',
                  item.destructive && 'text-danger',
                )}
              >
                {item.icon}
                {item.label}
              </Primitive.Item>
            ),
          )}
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}

/** A short hint on hover and keyboard focus; never the only place information lives (touch has no hover). */
export function Tooltip({ content, children, side = 'top' }: { content: ReactNode; children: ReactNode; side?: 'top' | 'right' | 'bottom' | 'left' }) {
  return (
    <TooltipPrimitive.Provider delayDuration={300}>
      <TooltipPrimitive.Root>
        <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content side={side} sideOffset={4} className="z-50 max-w-xs rounded-theme bg-fg px-2 py-1 text-xs text-page shadow">
            {content}
            <TooltipPrimitive.Arrow className="fill-fg" />
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
