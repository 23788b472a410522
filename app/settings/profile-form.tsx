'use client';

import { callApi } from '@/lib/api/client';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { ProfileField } from '@/lib/profile';
import { ApiRequestError, errorMessage } from '@/lib/http/browser';
import { Button, buttonClasses } from '@/lib/ui/button';
import { Field, useField } from '@/lib/ui/field';
import { Input, Textarea } from '@/lib/ui/input';
import { SaveBar, type SaveState } from './save-status';
import { ToggleField } from './toggle-field';

/** Keep in step with MAX_IMAGE_BYTES in lib/profile (a data URL is about 4/3 of the file). */
const MAX_IMAGE_FILE_BYTES = 220_000;

type Values = Record<string, string | boolean | null>;

/** One settings section's profile fields; read-only fields are shown but not sent. */
export function ProfileForm({ title, fields, initial }: { title: string; fields: (ProfileField & { description?: string; placeholder?: string })[]; initial: Values }) {
  const [values, setValues] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  // The server's message for each field it rejected, shown beside that field.
  const [fieldErrors, setFieldErrors] = useState<Readonly<Record<string, string>>>({});
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
      setFieldErrors({});
      setState({ kind: 'saved' });
    } catch (error) {
      setFieldErrors(error instanceof ApiRequestError ? error.fields : {});
      setState({ kind: 'error', message: errorMessage(error) });
    }
  };

  const anyEditable = fields.some((field) => field.editable);
  return (
    <form onSubmit={save} aria-label={title} className="space-y-4" noValidate>
      {fields.map((field) => {
        const value = values[field.id];
        const error = fieldErrors[field.id];
        if (field.type === 'toggle') {
          return (
            <ToggleField
              key={field.id}
              id={`profile-${field.id}`}
              label={field.label}
              description={field.description}
              checked={value === true}
              disabled={!field.editable}
              onChange={(checked) => set(field.id, checked)}
            />
          );
        }
        if (field.type === 'image') {
          return (
            <Field key={field.id} label={field.label} hint={field.description} error={error}>
              <ImagePicker label={field.label} value={typeof value === 'string' ? value : ''} editable={field.editable} onPick={pickImage(field.id)} onRemove={() => set(field.id, '')} />
            </Field>
          );
        }
        const common = {
          disabled: !field.editable,
          required: field.required,
          placeholder: field.placeholder,
          value: typeof value === 'string' ? value : '',
        };
        const label = (
          <>
            {field.label}
            {!field.editable && <span className="ml-2 text-xs font-normal text-fg-muted">(cannot be changed here)</span>}
          </>
        );
        return (
          <Field key={field.id} label={label} hint={field.description} error={error}>
            {field.type === 'textarea' ? (
              <Textarea {...common} rows={4} onChange={(event) => set(field.id, event.target.value)} />
            ) : (
              <Input {...common} type={field.type === 'email' ? 'email' : 'text'} onChange={(event) => set(field.id, event.target.value)} />
            )}
          </Field>
        );
      })}
      {anyEditable && <SaveBar state={state} label={`Save ${title.toLowerCase()}`} />}
    </form>
  );
}

/** An image field's picture with its "Choose image" and "Remove" controls; the file input takes the field's ids. */
function ImagePicker({ label, value, editable, onPick, onRemove }: { label: string; value: string; editable: boolean; onPick: (event: ChangeEvent<HTMLInputElement>) => void; onRemove: () => void }) {
  const field = useField();
  return (
    <div className="flex items-center gap-4">
      {value ? (
        // A data URL the user chose: next/image has nothing to optimise here.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={value} alt={`Your ${label.toLowerCase()}`} className="size-16 rounded-full border border-line object-cover" />
      ) : (
        <span className="flex size-16 items-center justify-center rounded-full border border-dashed border-line text-xs text-fg-muted">None</span>
      )}
      {editable && (
        <div className="flex flex-wrap gap-2">
          <label className={buttonClasses({ variant: 'secondary', size: 'sm', className: 'cursor-pointer has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent' })}>
            Choose image
            <input {...field} type="file" accept="image/png,image/jpeg,image/webp,image/gif" className="sr-only" onChange={onPick} />
          </label>
          {value && (
            <Button variant="ghost" size="sm" onClick={onRemove}>
              Remove
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
