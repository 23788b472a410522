import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { auditRows } from '@/lib/admin/audit-view';
import { requireIdentity } from '@/lib/auth/page';
import { getConfigs } from '@/lib/config';
import { getEnv } from '@/lib/env';
import { listPluginStates } from '@/lib/plugins/state';
import { subscriptionOverview } from '@/lib/subscriptions';
import { Table, TBody, TD, TH, THead, TR } from '@/lib/ui/table';
import { BroadcastForm } from './broadcast-form';
import { PluginSwitches } from './plugin-switches';
import { UsersPanel } from './users-panel';

export const metadata: Metadata = { title: 'Admin' };

const sectionClass = 'space-y-4 rounded-theme border border-line bg-surface p-4 sm:p-6';

/** The operators' page: accounts, plugins, a broadcast, plans, and the audit log (superadmins only). */
export default async function AdminPage() {
  const identity = await requireIdentity();
  // Not a 403 page: to everyone else the admin area does not exist.
  if (!identity.is_superadmin) notFound();
  const [plugins, overview, audit] = await Promise.all([
    listPluginStates(identity.app_id),
    subscriptionOverview(identity.app_id),
    auditRows(identity.app_id, { limit: 20, skip: 0 }),
  ]);
  const plans = getConfigs().subscription.subscription_plans;

  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl text-fg">Admin</h1>
        <p className="text-sm text-fg-muted">Every change here is written to the audit log below.</p>
      </header>

      <section aria-labelledby="admin-users" className={sectionClass}>
        <h2 id="admin-users" className="text-lg text-fg">
          Accounts
        </h2>
        <UsersPanel selfId={identity.user_id} />
      </section>

      <section aria-labelledby="admin-plugins" className={sectionClass}>
        <h2 id="admin-plugins" className="text-lg text-fg">
          Plugins
        </h2>
        <PluginSwitches initial={plugins} />
      </section>

      <section aria-labelledby="admin-broadcast" className={sectionClass}>
        <h2 id="admin-broadcast" className="text-lg text-fg">
          Broadcast a notification
        </h2>
        <BroadcastForm plans={plans.map((plan) => ({ name: plan.name, display_name: plan.display_name }))} plugins={plugins.map((plugin) => ({ name: plugin.name, display_name: plugin.display_name }))} />
      </section>

      {getEnv().monetization && (
        <section aria-labelledby="admin-plans" className={sectionClass}>
          <h2 id="admin-plans" className="text-lg text-fg">
            Subscriptions
          </h2>
          <p className="text-sm text-fg-muted">
            {overview.accounts} accounts, {overview.trialing} on a trial.
          </p>
          <ul className="flex flex-wrap gap-3" aria-label="Accounts per plan">
            {Object.entries(overview.plans).map(([plan, count]) => (
              <li key={plan} className="rounded-theme border border-line px-3 py-2 text-sm text-fg">
                {plans.find((candidate) => candidate.name === plan)?.display_name ?? plan}: <strong>{count}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="admin-audit" className={sectionClass}>
        <h2 id="admin-audit" className="text-lg text-fg">
          Audit log
        </h2>
        {audit.rows.length === 0 ? (
          <p className="text-sm text-fg-muted">No administrative actions yet.</p>
        ) : (
          <Table caption="The latest administrative actions">
            <THead>
              <TR>
                <TH>When</TH>
                <TH>Who</TH>
                <TH>Action</TH>
                <TH>Target</TH>
              </TR>
            </THead>
            <TBody data-testid="audit-log">
              {audit.rows.map((entry) => (
                <TR key={entry.id} data-action={entry.action}>
                  <TD className="whitespace-nowrap">{new Date(entry.created_at).toLocaleString('en')}</TD>
                  <TD>{entry.actor_name}</TD>
                  <TD>{entry.action_label}</TD>
                  <TD className="break-words" title={entry.target ?? undefined}>
                    {entry.target_label ?? '—'}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </div>
  );
}
