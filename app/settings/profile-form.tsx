'use client';

import { callApi } from '@/lib/api/client';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { ProfileField } from '@/lib/profile';
import { SaveBar, type SaveState } from './save-status';
import { ToggleField } from './toggle-field';

const inputClass = 'w-full rounded-theme border border-line bg-surface px-3 py-2 text-sm text-fg disabled:bg-surface-alt disabled:text-fg-muted';
/** Keep in step with MAX_IMAGE_BYTES in lib/profile (a data URL is about 4/3 of the file). */
const MAX_IMAGE_FILE_BYTES = 220_000;

type Values = Record<string, string | boolean | null>;

/** One settings section's profile fields; read-only fields are shown but not sent. */
export function ProfileForm({ title, fields, initial }: { title: string; fields: (ProfileField & { description?: string; placeholder?: string })[]; initial: Values }) {
  const [values, setValues] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const set = (id: string, value: string | boolean | null) => {
    setValues((current) => ({ ...current, [id]: value }));
    setState({ kind: 'idle' });
  };

  const pickImage = (id: string) => (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!['image/png', 'image/jpeg', 'image/webp', 'image/gif'].includes(file.type)) {
      setState({ kind: 'error', message: 'Choose a PNG, JPEG, WebP or GIF image.' });
      return;
    }
    if (file.size > MAX_IMAGE_FILE_BYTES) {
      setState({ kind: 'error', message: `That image is ${Math.round(file.size / 1000)} KB; the limit is ${MAX_IMAGE_FILE_BYTES / 1000} KB.` });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => set(id, String(reader.result));
    reader.readAsDataURL(file);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'saving' });
    const editable = Object.fromEntries(fields.filter((field) => field.editable).map((field) => [field.id, values[field.id] ?? (field.type === 'toggle' ? false : '')]));
    try {
      const saved = await callApi('POST /api/update-profile', { body: editable });
      setValues((current) => ({ ...current, ...Object.fromEntries(fields.map((field) => [field.id, saved.profile[field.id] ?? null])) }));
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };

  const anyEditable = fields.some((field) => field.editable);
  return (
    <form onSubmit={save} aria-label={title} className="space-y-4" noValidate>
      {fields.map((field) => {
        const id = `profile-${field.id}`;
        const value = values[field.id];
        const description = field.description ? (
          <span id={`${id}-description`} className="block text-sm text-fg-muted">
            {field.description}
          </span>
        ) : null;
        const describedBy = field.description ? `${id}-description` : undefined;
        if (field.type === 'toggle') {
          return <ToggleField key={field.id} id={id} label={field.label} description={description} checked={value === true} disabled={!field.editable} onChange={(checked) => set(field.id, checked)} />;
        }
        if (field.type === 'image') {
          return (
            <div key={field.id} className="space-y-2">
              <span className="block text-sm font-medium text-fg">{field.label}</span>
              <div className="flex items-center gap-4">
                {typeof value === 'string' && value ? (
                  // A data URL the user chose: next/image has nothing to optimise here.
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={value} alt={`Your ${field.label.toLowerCase()}`} className="size-16 rounded-full border border-line object-cover" />
                ) : (
                  <span className="flex size-16 items-center justify-center rounded-full border border-dashed border-line text-xs text-fg-muted">None</span>
                )}
                {field.editable && (
                  <div className="flex flex-wrap gap-2 text-sm">
                    <label className="cursor-pointer rounded-theme border border-line px-3 py-1.5 text-fg hover:bg-surface-alt">
                      Choose image
                      <input type="file" accept="image/png,image/jpeg,image/webp,image/gif" className="sr-only" aria-describedby={describedBy} onChange={pickImage(field.id)} />
                    </label>
                    {typeof value === 'string' && value && (
                      <button type="button" className="rounded-theme px-3 py-1.5 text-fg-muted hover:bg-surface-alt" onClick={() => set(field.id, '')}>
                        Remove
                      </button>
                    )}
                  </div>
                )}
              </div>
              {description}
            </div>
          );
        }
        const common = {
          id,
          disabled: !field.editable,
          required: field.required,
          placeholder: field.placeholder,
          'aria-describedby': describedBy,
          className: inputClass,
          value: typeof value === 'string' ? value : '',
        };
        return (
          <div key={field.id} className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium text-fg">
              {field.label}
              {!field.editable && <span className="ml-2 text-xs font-normal text-fg-muted">(cannot be changed here)</span>}
            </label>
            {field.type === 'textarea' ? (
              <textarea {...common} rows={4} onChange={(event) => set(field.id, event.target.value)} />
            ) : (
              <input {...common} type={field.type === 'email' ? 'email' : 'text'} onChange={(event) => set(field.id, event.target.value)} />
            )}
            {description}
          </div>
        );
      })}
      {anyEditable && <SaveBar state={state} label={`Save ${title.toLowerCase()}`} />}
    </form>
  );
}
