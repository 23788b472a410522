'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/lib/api/client';
import { errorMessage } from '@/lib/http/browser';
import { Button } from '@/lib/ui/button';
import { Field } from '@/lib/ui/field';
import { Input, Textarea } from '@/lib/ui/input';
import { Select } from '@/lib/ui/select';
import { toast } from '@/lib/ui/toast';

type Target = 'all' | 'subscription' | 'plugin' | 'user_ids';

const targetOptions = [
  { value: 'all', label: 'Everyone' },
  { value: 'subscription', label: 'Users on a plan' },
  { value: 'plugin', label: 'Users of a plugin' },
  { value: 'user_ids', label: 'Specific accounts' },
] as const;

/** Sends one in-app notification to everyone, a plan's users, a plugin's users, or listed accounts. */
export function BroadcastForm({ plans, plugins }: { plans: { name: string; display_name: string }[]; plugins: { name: string; display_name: string }[] }) {
  const router = useRouter();
  const [target, setTarget] = useState<Target>('all');
  const [sending, setSending] = useState(false);

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
    setSending(true);
    try {
      const result = await callApi('POST /__mozaiks/admin/notifications/broadcast', { body: {
        title: String(data.get('title') ?? ''),
        message: String(data.get('message') ?? ''),
        target: chosen,
      } });
      toast.success('Broadcast sent', 'message' in result ? result.message : `Sent to ${result.sent_count} user${result.sent_count === 1 ? '' : 's'}${result.failed_count ? `; ${result.failed_count} failed` : ''}.`);
      form.reset();
      setTarget('all');
      // The audit log below is rendered by the server: show the broadcast just sent.
      router.refresh();
    } catch (caught) {
      toast.error('The broadcast was not sent', errorMessage(caught));
    } finally {
      setSending(false);
    }
  };

  return (
    <form onSubmit={(event) => void send(event)} aria-label="Broadcast" className="max-w-xl space-y-3">
      <Field label="Title">
        <Input name="title" required maxLength={200} />
      </Field>
      <Field label="Message">
        <Textarea name="message" required maxLength={5000} rows={3} />
      </Field>
      <Field label="Send to">
        <Select value={target} onValueChange={setTarget} options={targetOptions} />
      </Field>
      {target === 'subscription' && (
        <Field label="Plan">
          <Select name="tier" defaultValue={plans[0]?.name} options={plans.map((plan) => ({ value: plan.name, label: plan.display_name }))} />
        </Field>
      )}
      {target === 'plugin' && (
        <Field label="Plugin">
          <Select name="plugin_name" defaultValue={plugins[0]?.name} options={plugins.map((plugin) => ({ value: plugin.name, label: plugin.display_name }))} />
        </Field>
      )}
      {target === 'user_ids' && (
        <Field label="Account ids, separated by commas or spaces">
          <Input name="ids" required placeholder="Account ids" />
        </Field>
      )}
      <Button type="submit" pending={sending} pendingLabel="Sending…">
        Send
      </Button>
    </form>
  );
}
