'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { requestJson } from '@/lib/http/browser';
import { InlineError } from '@/app/_components/form-field';

/** Switching or canceling one's own plan (offered only with ALLOW_LOCAL_SUBSCRIPTION_WRITES=true). */
export function PlanActions({ mode, plan, label }: { mode: 'switch' | 'cancel'; plan?: string; label?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async () => {
    if (mode === 'cancel' && !window.confirm('Cancel your subscription? You will move to the free plan.')) return;
    setBusy(true);
    setError(null);
    try {
      await requestJson(mode === 'cancel' ? '/api/cancel-subscription' : '/api/update-subscription', { body: mode === 'cancel' ? {} : { new_plan: plan } });
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
