'use client';

import { Check, ChevronsUpDown } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cn } from './cn';
import { useField } from './field';
import { controlClasses } from './input';
import type { SelectOption } from './select';

/**
 * A select with a filter: type to narrow a long list, arrows to move, Enter to choose, Escape to close
 * (the ARIA combobox pattern: focus stays in the input, the active option is `aria-activedescendant`).
 */
export function Combobox<Value extends string>({
  options,
  value,
  onValueChange,
  placeholder = 'Search…',
  emptyText = 'Nothing matches.',
  name,
  disabled,
  className,
  'aria-label': ariaLabel,
}: {
  options: readonly SelectOption<Value>[];
  value: Value | null;
  onValueChange: (value: Value) => void;
  placeholder?: string;
  emptyText?: string;
  name?: string;
  disabled?: boolean;
  className?: string;
  'aria-label'?: string;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const anchor = useRef<HTMLDivElement>(null);
  const field = useField();
  const chosen = options.find((option) => option.value === value);
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return needle ? options.filter((option) => option.label.toLowerCase().includes(needle)) : options;
  }, [options, query]);

  const choose = (option: SelectOption<Value> | undefined) => {
    if (!option || option.disabled) return;
    onValueChange(option.value);
    setOpen(false);
    setQuery('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (matches.length ? (index + step + matches.length) % matches.length : 0));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      {name && <input type="hidden" name={name} value={value ?? ''} />}
      <Popover.Anchor asChild>
        <div ref={anchor} className={cn('relative', className)}>
          <input
            {...field}
            role="combobox"
            aria-label={ariaLabel}
            aria-expanded={open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
            disabled={disabled}
            value={open ? query : (chosen?.label ?? '')}
            placeholder={chosen?.label ?? placeholder}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onClick={() => setOpen(true)}
            onKeyDown={onKeyDown}
            className={cn(controlClasses, 'h-10 pr-9')}
          />
          <ChevronsUpDown aria-hidden className="pointer-events-none absolute top-3 right-3 size-4 text-fg-muted" />
        </div>
      </Popover.Anchor>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          // The input keeps focus: the list is pointed at, never focused.
          onOpenAutoFocus={(event) => event.preventDefault()}
          // A click in the input is not "outside": it must not close the list it opens.
          onInteractOutside={(event) => {
            if (event.target instanceof Node && anchor.current?.contains(event.target)) event.preventDefault();
          }}
          className="z-50 max-h-64 w-(--radix-popover-trigger-width) min-w-48 overflow-auto rounded-theme border border-line bg-surface p-1 text-fg shadow-lg"
        >
          <ul id={listId} role="listbox" aria-label={ariaLabel}>
            {matches.length === 0 && <li className="px-2 py-1.5 text-sm text-fg-muted">{emptyText}</li>}
            {matches.map((option, index) => (
              <li
                key={option.value}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={option.value === value}
                aria-disabled={option.disabled || undefined}
                onPointerDown={(event) => event.preventDefault()}
                onClick={() => choose(option)}
                onPointerMove={() => setActive(index)}
                className={cn(
                  'flex cursor-default items-center gap-2 rounded-[calc(var(--mz-radius)/2)] px-2 py-1.5 text-sm select-none',
                  index === active && 'bg-surface-alt',
                  option.disabled && 'opacity-50',
                )}
              >
                <Check aria-hidden className={cn('size-4 text-accent', option.value !== value && 'invisible')} />
                {option.label}
              </li>
            ))}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
