'use client';

import { useState, type FormEvent } from 'react';
import { InlineError } from '@/app/_components/form-field';
import { useRouter } from 'next/navigation';
import { callApi } from '@/lib/api/client';
import { Select } from '@/lib/ui';

type Target = 'all' | 'subscription' | 'plugin' | 'user_ids';

const inputClass = 'w-full rounded-theme border border-line bg-surface px-3 py-2 text-sm text-fg';

/** Sends one in-app notification to everyone, a plan's users, a plugin's users, or listed accounts. */
export function BroadcastForm({ plans, plugins }: { plans: { name: string; display_name: string }[]; plugins: { name: string; display_name: string }[] }) {
  const router = useRouter();
  const [target, setTarget] = useState<Target>('all');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' } | { kind: 'done'; message: string } | { kind: 'error'; message: string }>({ kind: 'idle' });

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const chosen =
      target === 'subscription'
        ? { type: target, tier: String(data.get('tier')) }
        : target === 'plugin'
          ? { type: target, plugin_name: String(data.get('plugin_name')) }
          : target === 'user_ids'
            ? { type: target, ids: String(data.get('ids') ?? '').split(/[\s,]+/).filter(Boolean) }
            : { type: target };
    setState({ kind: 'sending' });
    try {
      const result = await callApi('POST /__mozaiks/admin/notifications/broadcast', { body: {
        title: String(data.get('title') ?? ''),
        message: String(data.get('message') ?? ''),
        target: chosen,
      } });
      setState({ kind: 'done', message: 'message' in result ? result.message : `Sent to ${result.sent_count} user${result.sent_count === 1 ? '' : 's'}${result.failed_count ? `; ${result.failed_count} failed` : ''}.` });
      form.reset();
      setTarget('all');
      // The audit log below is rendered by the server: show the broadcast just sent.
      router.refresh();
    } catch (caught) {
      setState({ kind: 'error', message: (caught as Error).message });
    }
  };

  return (
    <form onSubmit={send} aria-label="Broadcast" className="max-w-xl space-y-3">
      <div className="space-y-1">
        <label htmlFor="broadcast-title" className="block text-sm font-medium text-fg">
          Title
        </label>
        <input id="broadcast-title" name="title" required maxLength={200} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="broadcast-message" className="block text-sm font-medium text-fg">
          Message
        </label>
        <textarea id="broadcast-message" name="message" required maxLength={5000} rows={3} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="broadcast-target" className="block text-sm font-medium text-fg">
          Send to
        </label>
        <Select
          id="broadcast-target"
          value={target}
          onValueChange={setTarget}
          options={[
            { value: 'all', label: 'Everyone' },
            { value: 'subscription', label: 'Users on a plan' },
            { value: 'plugin', label: 'Users of a plugin' },
            { value: 'user_ids', label: 'Specific accounts' },
          ]}
        />
      </div>
      {target === 'subscription' && (
        <Select name="tier" aria-label="Plan" defaultValue={plans[0]?.name} options={plans.map((plan) => ({ value: plan.name, label: plan.display_name }))} />
      )}
      {target === 'plugin' && (
        <Select name="plugin_name" aria-label="Plugin" defaultValue={plugins[0]?.name} options={plugins.map((plugin) => ({ value: plugin.name, label: plugin.display_name }))} />
      )}
      {target === 'user_ids' && <input name="ids" aria-label="Account ids, separated by commas or spaces" required placeholder="Account ids" className={inputClass} />}
      <div className="flex items-center gap-4">
        <button type="submit" disabled={state.kind === 'sending'} className="rounded-theme bg-accent px-4 py-2 text-sm font-medium text-accent-contrast disabled:opacity-60">
          {state.kind === 'sending' ? 'Sending…' : 'Send'}
        </button>
        {state.kind === 'error' ? (
          <InlineError message={state.message} />
        ) : (
          <p role="status" className="text-sm text-fg-muted">
            {state.kind === 'done' ? state.message : ''}
          </p>
        )}
      </div>
    </form>
  );
}
