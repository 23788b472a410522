'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/lib/api/client';
import { InlineError } from '@/app/_components/form-field';
import { Switch } from '@/lib/ui/checkbox';

interface PluginState {
  name: string;
  display_name: string;
  version: string;
  enabled: boolean;
}

/** Every plugin of the build, each with a switch that enables or disables it for the whole app. */
export function PluginSwitches({ initial }: { initial: PluginState[] }) {
  const router = useRouter();
  const [plugins, setPlugins] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const toggle = async (plugin: PluginState) => {
    setBusy(plugin.name);
    setError(null);
    try {
      const result = await callApi('POST /__mozaiks/admin/plugins/{plugin}/state', { params: { plugin: plugin.name }, body: { enabled: !plugin.enabled } });
      setPlugins((current) => current.map((item) => (item.name === plugin.name ? { ...item, enabled: result.enabled } : item)));
      // The audit log (and the sidebar) are rendered by the server: show the change.
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(null);
    }
  };

  if (plugins.length === 0) return <p className="text-sm text-fg-muted">This build has no plugins.</p>;
  return (
    <div className="space-y-2">
      <InlineError message={error} />
      <ul className="divide-y divide-line rounded-theme border border-line">
        {plugins.map((plugin) => (
          <li key={plugin.name} className="flex items-center justify-between gap-4 px-3 py-2">
            <label htmlFor={`plugin-switch-${plugin.name}`} className="text-sm text-fg">
              <span className="font-medium">{plugin.display_name}</span> <span className="text-fg-muted">v{plugin.version}</span>
            </label>
            <Switch id={`plugin-switch-${plugin.name}`} checked={plugin.enabled} disabled={busy === plugin.name} onCheckedChange={() => void toggle(plugin)} />
          </li>
        ))}
      </ul>
    </div>
  );
}
