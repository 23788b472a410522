'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/lib/api/client';
import { InlineError } from '@/app/_components/form-field';

/** Switching or canceling one's own plan (offered only with ALLOW_LOCAL_SUBSCRIPTION_WRITES=true). */
export function PlanActions(props: ({ mode: 'switch'; plan: string } | { mode: 'cancel' }) & { label?: string }) {
  const { mode, label } = props;
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async () => {
    if (mode === 'cancel' && !window.confirm('Cancel your subscription? You will move to the free plan.')) return;
    setBusy(true);
    setError(null);
    try {
      if (props.mode === 'cancel') await callApi('POST /api/cancel-subscription');
      else await callApi('POST /api/update-subscription', { body: { new_plan: props.plan } });
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={busy}
        onClick={() => void act()}
        className={
          mode === 'cancel'
            ? 'mt-3 rounded-theme border border-line px-3 py-1.5 text-sm text-fg hover:bg-surface-alt disabled:opacity-60'
            : 'w-full rounded-theme bg-accent px-3 py-2 text-sm font-medium text-accent-contrast hover:opacity-90 disabled:opacity-60'
        }
      >
        {busy ? 'One moment…' : mode === 'cancel' ? 'Cancel subscription' : label}
      </button>
      <InlineError message={error} />
    </div>
  );
}
