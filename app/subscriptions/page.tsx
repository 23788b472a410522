import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireIdentity } from '@/lib/auth/page';
import { getConfigs } from '@/lib/config';
import { getEnv } from '@/lib/env';
import { userSubscription } from '@/lib/subscriptions';
import { PlanActions } from './plan-actions';

export const metadata: Metadata = { title: 'Plans' };

const price = (amount: number, currency: string, cycle: string) =>
  amount === 0
    ? 'Free'
    : `${new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount)}${cycle === 'monthly' ? ' / month' : cycle === 'yearly' ? ' / year' : cycle === 'weekly' ? ' / week' : ''}`;

/** The pricing page and "your plan": every plan of subscription_config.json, the user's marked. */
export default async function SubscriptionsPage() {
  if (!getEnv().monetization) notFound();
  const identity = await requireIdentity();
  const subscription = await userSubscription(identity.app_id, identity.user_id);
  const { subscription: config } = getConfigs();
  const canChange = getEnv().allowLocalSubscriptionWrites;
  const current = config.subscription_plans.find((plan) => plan.name.toLowerCase() === subscription.plan.toLowerCase());

  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl text-fg">Plans</h1>
        <p className="text-sm text-fg-muted">What each plan includes, and the one you are on.</p>
      </header>

      {config.settings.show_subscription_status && (
        <section aria-labelledby="your-plan" className="rounded-theme border border-line bg-surface p-4 sm:p-6" data-testid="your-plan">
          <h2 id="your-plan" className="text-lg text-fg">
            Your plan: {current?.display_name ?? subscription.plan}
          </h2>
          <p className="text-sm text-fg-muted">
            {subscription.is_trial && subscription.trial_info
              ? `Trial — ${subscription.trial_info.days_remaining} day${subscription.trial_info.days_remaining === 1 ? '' : 's'} left (until ${new Date(subscription.trial_info.end_date).toLocaleDateString('en')}).`
              : subscription.status === 'active'
                ? subscription.next_billing_date
                  ? `Active; renews on ${new Date(subscription.next_billing_date).toLocaleDateString('en')}.`
                  : 'Active.'
                : 'No paid subscription.'}
          </p>
          {canChange && config.settings.show_cancel_button && subscription.status === 'active' && subscription.plan !== config.settings.default_plan && <PlanActions mode="cancel" />}
        </section>
      )}

      <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Plans">
        {config.subscription_plans.map((plan) => {
          const isCurrent = plan.name === current?.name;
          return (
            <li key={plan.name} className={`flex flex-col gap-3 rounded-theme border bg-surface p-5 ${isCurrent ? 'border-accent' : 'border-line'}`} data-testid={`plan-${plan.name}`}>
              <div className="flex items-baseline justify-between gap-2">
                <h2 className="text-lg text-fg">{plan.display_name}</h2>
                {isCurrent && <span className="rounded-full bg-accent px-2 py-0.5 text-xs font-medium text-accent-contrast">Current</span>}
              </div>
              <p className="text-2xl font-semibold text-fg">{price(plan.price, plan.currency, plan.billing_cycle)}</p>
              {plan.description && <p className="text-sm text-fg-muted">{plan.description}</p>}
              <ul className="flex-1 space-y-1 text-sm text-fg">
                {plan.features.map((feature) => (
                  <li key={feature} className="flex gap-2">
                    <span aria-hidden="true" className="text-accent">
                      ✓
                    </span>
                    {feature}
                  </li>
                ))}
              </ul>
              {!isCurrent &&
                (canChange ? (
                  <PlanActions mode="switch" plan={plan.name} label={`Switch to ${plan.display_name}`} downgrade={plan.price < (current?.price ?? 0)} />
                ) : (
                  <p className="text-xs text-fg-muted">Plan changes go through the app&apos;s billing; ask its team to switch.</p>
                ))}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
