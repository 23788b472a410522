'use client';

import { callApi } from '@/lib/api/client';
import { useState, type FormEvent } from 'react';
import type { PluginManifest } from '@/lib/plugins/manifest';
import type { PluginSettingsValues } from '@/lib/settings/plugin-settings';
import { Input, Textarea } from '@/lib/ui/input';
import { Select } from '@/lib/ui/select';
import { SaveBar, type SaveState } from './save-status';
import { ToggleField } from './toggle-field';

type Field = PluginManifest['settings'][number];

/** An optional select's "nothing chosen" (a listbox option cannot have an empty value); saved as ''. */
const NONE = '__none__';

/** A plugin's settings panel, generated from the fields its manifest declares. */
export function PluginSettingsForm({ plugin, displayName, fields, initial }: { plugin: string; displayName: string; fields: Field[]; initial: PluginSettingsValues }) {
  const [values, setValues] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const set = (id: string, value: string | number | boolean | null) => {
    setValues((current) => ({ ...current, [id]: value }));
    setState({ kind: 'idle' });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'saving' });
    try {
      const saved = await callApi('POST /api/plugin-settings/{plugin}', { params: { plugin }, body: values });
      setValues(saved.settings);
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };

  return (
    <form onSubmit={save} aria-label={`${displayName} settings`} className="space-y-4">
      {fields.map((field) => {
        const id = `setting-${plugin}-${field.id}`;
        const value = values[field.id];
        const description = field.description && (
          <span id={`${id}-description`} className="block text-sm text-fg-muted">
            {field.description}
          </span>
        );
        if (field.type === 'toggle') {
          return <ToggleField key={field.id} id={id} label={field.label} description={field.description} checked={value === true} onChange={(checked) => set(field.id, checked)} />;
        }
        const common = {
          id,
          required: field.required,
          'aria-describedby': field.description ? `${id}-description` : undefined,
        };
        return (
          <div key={field.id} className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium text-fg">
              {field.label}
            </label>
            {field.type === 'select' ? (
              <Select
                id={id}
                value={value === null || value === undefined || value === '' ? (field.required ? undefined : NONE) : String(value)}
                onValueChange={(chosen) => set(field.id, chosen === NONE ? '' : chosen)}
                options={[...(field.required ? [] : [{ value: NONE, label: '—' }]), ...(field.options ?? [])]}
              />
            ) : field.type === 'textarea' ? (
              <Textarea {...common} rows={4} value={String(value ?? '')} onChange={(event) => set(field.id, event.target.value)} />
            ) : (
              <Input
                {...common}
                type={field.type === 'number' ? 'number' : field.type === 'email' ? 'email' : 'text'}
                value={value === null || value === undefined ? '' : String(value)}
                onChange={(event) => set(field.id, field.type === 'number' ? (event.target.value === '' ? null : Number(event.target.value)) : event.target.value)}
              />
            )}
            {description}
          </div>
        );
      })}
      <SaveBar state={state} label={`Save ${displayName} settings`} />
    </form>
  );
}
