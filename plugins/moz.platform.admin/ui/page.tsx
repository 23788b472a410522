'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { modeLabel, unavailableMessage } from '@/lib/connectors/messages';
import { errorMessage, pluginClient, usePreloaded } from '@/lib/plugins/client';
import { Button, Field, Input, SkeletonList } from '@/lib/ui';
import type adminPlugin from '../logic';

const admin = pluginClient<typeof adminPlugin>('moz.platform.admin');
type Account = Awaited<ReturnType<typeof admin.call<'overview'>>>;

function Unavailable({ reason, service }: { reason: string; service: string }) {
  return <p className="text-sm text-fg-muted" data-testid="platform-unavailable">{unavailableMessage(reason, service)}</p>;
}

/** One account: identity (roles), plan and metered usage, each from its connector. */
function AccountCard({ account, label }: { account: Account; label: string }) {
  const { user, subscription, usage } = account;
  return (
    <article aria-label={label} className="space-y-3 rounded-theme border border-line bg-surface p-4" data-testid="platform-account">
      <h2 className="font-medium text-fg">{label}</h2>
      {!user.available ? (
        <Unavailable reason={user.reason} service="identity" />
      ) : !user.user ? (
        <p className="text-sm text-fg-muted" data-testid="platform-empty">No account with the id {account.user_id}.</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-fg-muted">Username</dt>
          <dd data-testid="account-username">{user.user.username}</dd>
          <dt className="text-fg-muted">Roles</dt>
          <dd data-testid="account-roles">{user.user.roles.join(', ') || '—'}</dd>
          <dt className="text-fg-muted">Signs in with</dt>
          <dd>{user.user.auth_provider}</dd>
        </dl>
      )}
      <h3 className="text-sm font-medium text-fg">Plan</h3>
      {!subscription.available ? (
        <Unavailable reason={subscription.reason} service="billing" />
      ) : subscription.subscription ? (
        <p className="text-sm" data-testid="account-plan">
          {subscription.subscription.plan} · {subscription.subscription.status}
          {!subscription.subscription.monetization && ' (plans are off: everything is unlocked)'}
        </p>
      ) : (
        <p className="text-sm text-fg-muted">No plan.</p>
      )}
      <h3 className="text-sm font-medium text-fg">Usage this period</h3>
      {!usage.available ? (
        <Unavailable reason={usage.reason} service="billing" />
      ) : !usage.usage || usage.usage.usage.length === 0 ? (
        <p className="text-sm text-fg-muted" data-testid="account-usage-empty">Nothing metered.</p>
      ) : (
        <ul className="text-sm" data-testid="account-usage">
          {usage.usage.usage.map((item) => (
            <li key={`${item.plugin}:${item.limit}`}>
              {item.plugin} · {item.limit}: {item.used} of {item.allowed === -1 ? 'unlimited' : item.allowed}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** The caller's own account, and any other one looked up by id. */
export default function PlatformAdminPage() {
  // Fetched by the server with the page (plugin.json's page.preload); fetched here only if it was not.
  const first = usePreloaded(admin, 'overview', {});
  const [mine, setMine] = useState<Account | null>(first ?? null);
  const [other, setOther] = useState<Account | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);

  useEffect(() => {
    if (first) return;
    admin.call('overview', {}).then(setMine).catch((caught) => setError(errorMessage(caught)));
  }, [first]);

  const lookup = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const userId = String(new FormData(event.currentTarget).get('user_id') ?? '').trim();
    if (!userId) return;
    setLooking(true);
    try {
      setOther(await admin.call('lookup_user', { account: userId }));
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLooking(false);
    }
  };

  return (
    <div className="space-y-4">
      {error && <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">{error}</p>}
      {!mine ? (
        <SkeletonList rows={2} label="Loading your account…" />
      ) : (
        <>
          {/* Identity and billing are never sampled: with sample data on, accounts still come from this app. */}
          <p className="text-sm text-fg-muted" data-testid="platform-mode">{modeLabel(mine.mode === 'mock' ? 'self_hosted' : mine.mode)}</p>
          <AccountCard account={mine} label="Your account" />
        </>
      )}
      <form onSubmit={(event) => void lookup(event)} className="flex items-end gap-2" aria-label="Look up an account">
        <Field label="User id" className="flex-1">
          <Input name="user_id" placeholder="User id" autoComplete="off" />
        </Field>
        <Button type="submit" pending={looking} pendingLabel="Looking up…">
          Look up
        </Button>
      </form>
      {other && <AccountCard account={other} label={`Account ${other.user_id}`} />}
    </div>
  );
}
