/**
 * Tells a user when their plan changes (in-app, and by email where they allow it). Subscriptions
 * publish subscription_updated and subscription_canceled and know nothing of notifications: a lower
 * domain announces, the higher one reacts, so neither imports the other both ways.
 */
import { subscribe } from '@/lib/events';
import { processSingleton } from '@/lib/runtime/global';
import { findPlan } from '@/lib/subscriptions';
import { createNotification } from './send';

const listener = processSingleton('notifications-subscription-changes', () => ({ subscribed: false }));

const displayName = (plan: string) => findPlan(plan)?.display_name ?? plan;

/** Subscribes once per process (start-up calls it); the instance that published the change notifies. */
export function notifySubscriptionChanges(): void {
  if (listener.subscribed) return;
  listener.subscribed = true;
  subscribe(
    'subscription_updated',
    ({ user_id, plan }, event) =>
      createNotification({
        appId: event.app_id,
        userId: user_id,
        type: 'subscription_updates',
        title: 'Your plan changed',
        message: `You are now on the ${displayName(plan)} plan.`,
        metadata: { plan: displayName(plan), url: '/subscriptions' },
      }),
    { id: 'notify-subscription-updated' },
  );
  subscribe(
    'subscription_canceled',
    ({ user_id, plan }, event) =>
      createNotification({
        appId: event.app_id,
        userId: user_id,
        type: 'subscription_updates',
        title: 'Subscription canceled',
        message: `Your subscription was canceled; you are on the ${displayName(plan)} plan.`,
        metadata: { plan: displayName(plan), url: '/subscriptions' },
      }),
    { id: 'notify-subscription-canceled' },
  );
}
