'use client';

import { CalendarDays, ChevronLeft, ChevronRight } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useState } from 'react';
import { DayPicker } from 'react-day-picker';
import { Button } from './button';
import { cn } from './cn';
import { useField } from './field';
import { controlClasses } from './input';

/** `2026-12-05` for a local calendar day: the shape date fields travel in (no time, no zone). */
export function toIsoDay(day: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** The local calendar day of `2026-12-05`; undefined for anything else. */
export function fromIsoDay(value: string | null | undefined): Date | undefined {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return undefined;
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return toIsoDay(day) === value ? day : undefined;
}

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * A date field: a button showing the day, opening a keyboard-navigable calendar. Its value is an
 * ISO day (`2026-12-05`) or null; with `name` it submits that in a <form> (empty when cleared).
 */
export function DatePicker({
  value,
  defaultValue = null,
  onValueChange,
  name,
  placeholder = 'Pick a date',
  clearable = true,
  disabled,
  className,
  id,
  'aria-label': ariaLabel,
}: {
  value?: string | null;
  defaultValue?: string | null;
  onValueChange?: (value: string | null) => void;
  name?: string;
  placeholder?: string;
  clearable?: boolean;
  disabled?: boolean;
  className?: string;
  /** For a <label htmlFor>; inside a <Field> the field gives it. */
  id?: string;
  'aria-label'?: string;
}) {
  const [own, setOwn] = useState(defaultValue);
  const [open, setOpen] = useState(false);
  const current = value === undefined ? own : value;
  const selected = fromIsoDay(current);
  const field = useField();
  const choose = (next: string | null) => {
    setOwn(next);
    onValueChange?.(next);
  };
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      {name && <input type="hidden" name={name} value={current ?? ''} />}
      <Popover.Trigger asChild disabled={disabled}>
        <button
          type="button"
          {...field}
          {...(id ? { id } : {})}
          aria-label={ariaLabel ? `${ariaLabel}: ${selected ? longDate.format(selected) : 'none'}` : undefined}
          className={cn(controlClasses, 'flex h-10 items-center gap-2 text-left', !selected && 'text-fg-muted', className)}
        >
          <CalendarDays aria-hidden className="size-4 shrink-0 text-fg-muted" />
          <span className="truncate">{selected ? longDate.format(selected) : placeholder}</span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 rounded-theme border border-line bg-surface p-3 text-fg shadow-lg">
          <DayPicker
            mode="single"
            selected={selected}
            defaultMonth={selected}
            autoFocus
            onSelect={(day) => {
              choose(day ? toIsoDay(day) : null);
              setOpen(false);
            }}
            components={{
              Chevron: ({ orientation }) =>
                orientation === 'left' ? <ChevronLeft aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />,
            }}
            classNames={{
              root: 'relative text-sm',
              months: 'relative',
              month_caption: 'flex h-9 items-center justify-center font-medium',
              nav: 'absolute inset-x-0 top-0 flex h-9 items-center justify-between',
              button_previous: 'inline-flex size-8 items-center justify-center rounded-theme hover:bg-surface-alt',
              button_next: 'inline-flex size-8 items-center justify-center rounded-theme hover:bg-surface-alt',
              weekday: 'size-9 text-xs font-normal text-fg-muted',
              day: 'size-9 p-0 text-center',
              day_button: 'size-9 rounded-theme hover:bg-surface-alt focus-visible:outline-2 focus-visible:outline-accent',
              selected: '[&>button]:bg-accent [&>button]:text-accent-contrast',
              today: 'font-semibold text-accent',
              outside: 'text-fg-muted opacity-60',
              disabled: 'opacity-40',
            }}
          />
          {clearable && selected && (
            <div className="mt-2 flex justify-end border-t border-line pt-2">
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  choose(null);
                  setOpen(false);
                }}
              >
                Clear date
              </Button>
            </div>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
