'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { hasSample, modeLabel, unavailableMessage } from '@/lib/connectors/messages';
import { SampleDataNotice } from '@/lib/connectors/sample-notice';
import { ApiRequestError, pluginClient, usePreloaded } from '@/lib/plugins/client';
import type dashboardPlugin from '../logic';

const dashboard = pluginClient<typeof dashboardPlugin>('moz.platform.dashboard');
type Summary = Awaited<ReturnType<typeof dashboard.call<'summary'>>>;

function Card({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2 rounded-theme border border-line bg-surface p-4" data-testid={testId}>
      <h2 className="font-medium text-fg">{title}</h2>
      {children}
    </section>
  );
}

function Unavailable({ reason, service }: { reason: string; service: string }) {
  return <p className="text-sm text-fg-muted" data-testid="platform-unavailable">{unavailableMessage(reason, service)}</p>;
}

const Empty = ({ children }: { children: ReactNode }) => <p className="text-sm text-fg-muted">{children}</p>;

/** Every platform service's summary, each card on its own. */
export default function PlatformDashboardPage() {
  // Fetched by the server with the page (plugin.json's page.preload); fetched here only if it was not.
  const first = usePreloaded(dashboard, 'summary', {});
  const [summary, setSummary] = useState<Summary | null>(first ?? null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (first) return;
    dashboard
      .call('summary', {})
      .then(setSummary)
      .catch((caught) => setError(caught instanceof ApiRequestError ? caught.message : 'Something went wrong. Try again.'));
  }, [first]);

  if (error) return <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">{error}</p>;
  if (!summary) return <p role="status" className="text-fg-muted">Loading the platform summary…</p>;
  const { subscription, metrics, campaigns, posts, feed } = summary;
  return (
    <div className="space-y-4">
      <p className="text-sm text-fg-muted" data-testid="platform-mode">{modeLabel(summary.mode)}</p>
      {hasSample(metrics, campaigns, posts, feed) && <SampleDataNotice />}
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Subscription" testId="card-subscription">
          {subscription.unavailableReason ? (
            <Unavailable reason={subscription.unavailableReason} service="payments" />
          ) : (
            <p className="text-sm" data-testid="subscription-plan">
              {subscription.plan ?? 'No plan'} · {subscription.active ? 'active' : subscription.status}
              {subscription.currentPeriodEnd && (
                <>
                  {' · until '}
                  {/* The server renders it in its own locale and time zone; the browser in the user's. */}
                  <time dateTime={subscription.currentPeriodEnd} suppressHydrationWarning>
                    {new Date(subscription.currentPeriodEnd).toLocaleDateString()}
                  </time>
                </>
              )}
            </p>
          )}
        </Card>
        <Card title="Growth" testId="card-growth">
          {!metrics.available ? (
            <Unavailable reason={metrics.reason} service="growth figures" />
          ) : (
            <dl className="grid grid-cols-2 gap-1 text-sm" data-testid="growth-metrics">
              <dt className="text-fg-muted">Visitors</dt>
              <dd>{metrics.metrics.visitors}</dd>
              <dt className="text-fg-muted">Sign-ups</dt>
              <dd>{metrics.metrics.signups}</dd>
              <dt className="text-fg-muted">Active users</dt>
              <dd>{metrics.metrics.active_users}</dd>
              <dt className="text-fg-muted">Conversion</dt>
              <dd>{(metrics.metrics.conversion_rate * 100).toFixed(1)} %</dd>
            </dl>
          )}
        </Card>
        <Card title="Funding" testId="card-funding">
          {!campaigns.available ? (
            <Unavailable reason={campaigns.reason} service="funding" />
          ) : campaigns.campaigns.length === 0 ? (
            <Empty>No campaigns.</Empty>
          ) : (
            <ul className="text-sm">
              {campaigns.campaigns.map((campaign) => (
                // Amounts in the reader's own number format: the server's may differ on the first render.
                <li key={campaign.id} suppressHydrationWarning>
                  {campaign.title}: {campaign.raised_amount.toLocaleString()} of {campaign.goal_amount.toLocaleString()} {campaign.currency}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Community" testId="card-community">
          {!posts.available ? (
            <Unavailable reason={posts.reason} service="the community" />
          ) : posts.posts.length === 0 ? (
            <Empty>No posts yet.</Empty>
          ) : (
            <ul className="text-sm">
              {posts.posts.map((post) => (
                <li key={post.id}>
                  {post.title} <span className="text-fg-muted">· {post.replies} replies</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Social" testId="card-social">
          {!feed.available ? (
            <Unavailable reason={feed.reason} service="the social feed" />
          ) : feed.items.length === 0 ? (
            <Empty>Nothing in your feed.</Empty>
          ) : (
            <ul className="text-sm">
              {feed.items.map((item) => (
                <li key={item.id}>
                  <span className="text-fg-muted">{item.author}:</span> {item.text}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
