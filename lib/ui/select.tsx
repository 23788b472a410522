'use client';

import { Check, ChevronDown } from 'lucide-react';
import { Select as Primitive } from 'radix-ui';
import { useField } from './field';
import { selectTriggerClasses } from './looks';
import { styleNonce } from './style-nonce';

export interface SelectOption<Value extends string = string> {
  value: Value;
  label: string;
  disabled?: boolean;
}

/**
 * A select on Radix' listbox: typeahead, keyboard, the theme's colours (a native <select> keeps the
 * system's). With `name` it also submits in a <form>. Options cannot have an empty value: leave the
 * value undefined and give a `placeholder` for "nothing chosen".
 */
export function Select<Value extends string>({
  options,
  value,
  defaultValue,
  onValueChange,
  defaultOpen,
  placeholder = 'Choose…',
  name,
  required,
  disabled,
  className,
  id,
  'aria-label': ariaLabel,
  'aria-labelledby': labelledBy,
  'data-testid': testId,
}: {
  options: readonly SelectOption<Value>[];
  value?: Value;
  defaultValue?: Value;
  onValueChange?: (value: Value) => void;
  /** Open on mount (a LazySelect whose placeholder was clicked). */
  defaultOpen?: boolean;
  placeholder?: string;
  name?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
  /** For a <label htmlFor>; inside a <Field> the field gives it. */
  id?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  'data-testid'?: string;
}) {
  const field = useField();
  return (
    <Primitive.Root
      value={value}
      defaultValue={defaultValue}
      onValueChange={(next) => onValueChange?.(next as Value)}
      defaultOpen={defaultOpen}
      name={name}
      required={required}
      disabled={disabled}
    >
      <Primitive.Trigger
        {...field}
        {...(id ? { id } : {})}
        aria-label={ariaLabel}
        aria-labelledby={labelledBy}
        data-testid={testId}
        className={selectTriggerClasses(className)}
      >
        <Primitive.Value placeholder={placeholder} />
        <Primitive.Icon>
          <ChevronDown aria-hidden className="size-4 text-fg-muted" />
        </Primitive.Icon>
      </Primitive.Trigger>
      <Primitive.Portal>
        <Primitive.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-(--radix-select-content-available-height) min-w-(--radix-select-trigger-width) overflow-hidden rounded-theme border border-line bg-surface text-fg shadow-lg"
        >
          {/* The viewport renders a <style>: it needs the page's nonce (lib/ui/style-nonce.tsx). */}
          <Primitive.Viewport nonce={styleNonce()} className="p-1">
            {options.map((option) => (
              <Primitive.Item
                key={option.value}
                value={option.value}
                disabled={option.disabled}
                className="relative flex cursor-default items-center rounded-[calc(var(--mz-radius)/2)] py-1.5 pr-2 pl-7 text-sm outline-none select-none data-disabled:opacity-50 data-highlighted:bg-surface-alt"
              >
                <Primitive.ItemIndicator className="absolute left-2 inline-flex">
                  <Check aria-hidden className="size-4 text-accent" />
                </Primitive.ItemIndicator>
                <Primitive.ItemText>{option.label}</Primitive.ItemText>
              </Primitive.Item>
            ))}
          </Primitive.Viewport>
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
