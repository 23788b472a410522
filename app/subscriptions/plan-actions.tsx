'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/lib/api/client';
import { errorMessage } from '@/lib/http/browser';
import { Button } from '@/lib/ui/button';
import { ConfirmDialog } from '@/lib/ui/dialog';
import { toast } from '@/lib/ui/toast';
import { InlineError } from '@/app/_components/form-field';

type PlanChange = { mode: 'switch'; plan: string; label: string; downgrade?: boolean } | { mode: 'cancel' };

/**
 * Switching or canceling one's own plan (offered only with ALLOW_LOCAL_SUBSCRIPTION_WRITES=true).
 * Canceling and downgrading take features away, so they ask first; how it went is said in a toast
 * and, for a failure, beside the button too.
 */
export function PlanActions(props: PlanChange) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Rejects when the change failed, so that a confirmation dialog stays open to try again. */
  const change = async () => {
    setError(null);
    try {
      if (props.mode === 'cancel') await callApi('POST /api/cancel-subscription');
      else await callApi('POST /api/update-subscription', { body: { new_plan: props.plan } });
    } catch (caught) {
      const message = errorMessage(caught);
      setError(message);
      toast.error(props.mode === 'cancel' ? 'Your subscription was not canceled' : 'Your plan was not changed', message);
      throw caught;
    }
    toast.success(props.mode === 'cancel' ? 'Subscription canceled' : 'Plan changed', props.mode === 'cancel' ? 'You are on the free plan now.' : undefined);
    router.refresh();
  };

  const switchNow = async () => {
    setBusy(true);
    try {
      await change();
    } catch {
      // Said in the toast and beside the button.
    } finally {
      setBusy(false);
    }
  };

  const action =
    props.mode === 'cancel' ? (
      <ConfirmDialog
        title="Cancel your subscription?"
        description="You will move to the free plan."
        confirmLabel="Cancel subscription"
        cancelLabel="Keep my plan"
        onConfirm={change}
        trigger={
          <Button variant="secondary" size="sm" className="mt-3">
            Cancel subscription
          </Button>
        }
      />
    ) : props.downgrade ? (
      <ConfirmDialog
        title={`${props.label}?`}
        description="What your current plan includes beyond this one stops working at once."
        confirmLabel={props.label}
        cancelLabel="Keep my plan"
        onConfirm={change}
        trigger={<Button className="w-full">{props.label}</Button>}
      />
    ) : (
      <Button className="w-full" pending={busy} pendingLabel="One moment…" onClick={() => void switchNow()}>
        {props.label}
      </Button>
    );
  return (
    <div className="space-y-1">
      {action}
      <InlineError message={error} />
    </div>
  );
}
