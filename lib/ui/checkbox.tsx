'use client';

import { Check } from 'lucide-react';
import { Checkbox as Primitive, Switch as SwitchPrimitive } from 'radix-ui';
import type { ComponentPropsWithoutRef } from 'react';
import { cn } from './cn';
import { useField } from './field';

type CheckboxProps = Omit<ComponentPropsWithoutRef<typeof Primitive.Root>, 'checked' | 'onCheckedChange'> & {
  checked?: boolean;
  onCheckedChange?: (checked: boolean) => void;
};

/** A checkbox in the theme's colours (role="checkbox", Space toggles it; submits `name` in a form). */
export function Checkbox({ className, onCheckedChange, ...props }: CheckboxProps) {
  return (
    <Primitive.Root
      {...useField()}
      {...props}
      onCheckedChange={(checked) => onCheckedChange?.(checked === true)}
      className={cn(
        'inline-flex size-5 shrink-0 items-center justify-center rounded-[calc(var(--mz-radius)/2.5)] border border-line bg-surface text-accent-contrast data-[state=checked]:border-accent data-[state=checked]:bg-accent disabled:opacity-60',
        className,
      )}
    >
      <Primitive.Indicator>
        <Check aria-hidden className="size-3.5" strokeWidth={3} />
      </Primitive.Indicator>
    </Primitive.Root>
  );
}

type SwitchProps = Omit<ComponentPropsWithoutRef<typeof SwitchPrimitive.Root>, 'onCheckedChange'> & {
  onCheckedChange?: (checked: boolean) => void;
};

/** An on/off switch (role="switch") for settings that take effect at once. */
export function Switch({ className, ...props }: SwitchProps) {
  return (
    <SwitchPrimitive.Root
      {...useField()}
      {...props}
      className={cn(
        'inline-flex h-6 w-11 shrink-0 items-center rounded-full border border-line bg-surface-alt p-0.5 transition-colors data-[state=checked]:border-accent data-[state=checked]:bg-accent disabled:opacity-60',
        className,
      )}
    >
      <SwitchPrimitive.Thumb className="block size-5 rounded-full bg-surface shadow transition-transform data-[state=checked]:translate-x-5" />
    </SwitchPrimitive.Root>
  );
}
