'use client';

import { ChevronDown } from 'lucide-react';
import { useState, type ComponentProps } from 'react';
import { useLazyModule } from './lazy';
import type { Select } from './select';
import { selectTriggerClasses } from './looks';

const loadSelect = () => import('./select');

/**
 * A Select whose code arrives after the page has hydrated: for chrome on every page (the header's theme
 * selector), where Radix' listbox would otherwise weigh on every page's first load. Until then it shows
 * the same trigger, with the chosen option's label (a button that opens a listbox; the combobox role comes
 * with the list), and a click meanwhile opens the list once it is there.
 */
export function LazySelect<Value extends string>(props: ComponentProps<typeof Select<Value>>) {
  const loaded = useLazyModule(loadSelect);
  const [opening, setOpening] = useState(false);
  if (loaded) return <loaded.Select {...props} defaultOpen={opening || props.defaultOpen} />;
  const chosen = props.options.find((option) => option.value === (props.value ?? props.defaultValue));
  return (
    <button
      type="button"
      aria-haspopup="listbox"
      aria-expanded={false}
      aria-label={props['aria-label']}
      aria-labelledby={props['aria-labelledby']}
      data-testid={props['data-testid']}
      data-placeholder={chosen ? undefined : ''}
      disabled={props.disabled}
      onClick={() => setOpening(true)}
      className={selectTriggerClasses(props.className)}
    >
      <span>{chosen?.label ?? props.placeholder ?? 'Choose…'}</span>
      <ChevronDown aria-hidden className="size-4 text-fg-muted" />
    </button>
  );
}
