'use client';

import { callApi } from '@/lib/api/client';
import { useState, type FormEvent } from 'react';
import type { Channel, NotificationType } from '@/lib/notifications/catalog';
import type { NotificationPreferences } from '@/lib/notifications/preferences';
import { Checkbox } from '@/lib/ui/checkbox';
import { Select } from '@/lib/ui/select';
import { SaveBar, type SaveState } from './save-status';
import { ToggleField } from './toggle-field';

const FREQUENCY_LABELS = { immediate: 'Right away', daily: 'Daily digest', weekly: 'Weekly digest', none: 'Never' } as const;

interface Props {
  types: NotificationType[];
  categories: { id: string; name: string; description?: string | undefined }[];
  channels: { id: Channel; name: string; enabled: boolean }[];
  initial: NotificationPreferences;
}

/** Per type: on or off, on which channels, and how often its emails come. */
export function NotificationPreferencesForm({ types, categories, channels, initial }: Props) {
  const [preferences, setPreferences] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const available = channels.filter((channel) => channel.enabled);

  const update = (id: string, change: (current: NotificationPreferences[string]) => NotificationPreferences[string]) => {
    setPreferences((current) => ({ ...current, [id]: change(current[id]!) }));
    setState({ kind: 'idle' });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'saving' });
    try {
      setPreferences(await callApi('POST /api/notification-preferences', { body: preferences }));
      setState({ kind: 'saved' });
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };

  if (types.length === 0) return <p className="text-sm text-fg-muted">This app sends no notifications you can configure.</p>;
  const groups = categories
    .map((category) => ({ category, types: types.filter((type) => type.category === category.id) }))
    .concat([{ category: { id: 'other', name: 'Other' }, types: types.filter((type) => !categories.some((category) => category.id === type.category)) }])
    .filter((group) => group.types.length > 0);

  return (
    <form onSubmit={save} aria-label="Notification preferences" className="space-y-6">
      {groups.map(({ category, types: inGroup }) => (
        <fieldset key={category.id} className="space-y-3">
          <legend className="text-sm font-semibold tracking-wide text-fg-muted uppercase">{category.name}</legend>
          <ul className="divide-y divide-line rounded-theme border border-line">
            {inGroup.map((type) => {
              const preference = preferences[type.id]!;
              const typeChannels = available.filter((channel) => type.channels.includes(channel.id));
              const toggleId = `pref-${type.id}`;
              return (
                <li key={type.id} className="space-y-2 p-3" data-testid={`preference-${type.id}`}>
                  <ToggleField
                    id={toggleId}
                    label={type.name}
                    description={type.description}
                    checked={preference.enabled}
                    onChange={(enabled) => update(type.id, (current) => ({ ...current, enabled }))}
                  />
                  {preference.enabled && typeChannels.length > 1 && (
                    <div role="group" aria-label={`${type.name} channels`} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                      {typeChannels.map((channel) => (
                        <label key={channel.id} className="inline-flex items-center gap-1.5 text-fg">
                          <Checkbox
                            checked={preference.channels[channel.id]}
                            onCheckedChange={(checked) => update(type.id, (current) => ({ ...current, channels: { ...current.channels, [channel.id]: checked } }))}
                          />
                          {channel.name}
                        </label>
                      ))}
                    </div>
                  )}
                  {preference.enabled && preference.channels.email && typeChannels.some((channel) => channel.id === 'email') && (
                    <div className="flex items-center gap-2 text-sm text-fg-muted">
                      <span id={`${toggleId}-emails`}>Emails</span>
                      <Select
                        aria-labelledby={`${toggleId}-emails`}
                        className="h-8 w-auto min-w-36"
                        value={preference.frequency}
                        onValueChange={(frequency) => update(type.id, (current) => ({ ...current, frequency }))}
                        options={type.frequencies.map((frequency) => ({ value: frequency, label: FREQUENCY_LABELS[frequency] }))}
                      />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
      <SaveBar state={state} label="Save preferences" />
    </form>
  );
}
