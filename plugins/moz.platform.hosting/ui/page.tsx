'use client';

import { useEffect, useState } from 'react';
import { hasSample, modeLabel, unavailableMessage } from '@/lib/connectors/messages';
import { SampleDataNotice } from '@/lib/connectors/sample-notice';
import { errorMessage, pluginClient, usePreloaded } from '@/lib/plugins/client';
import { Badge, EmptyState, SkeletonList } from '@/lib/ui';
import type hostingPlugin from '../logic';

const hosting = pluginClient<typeof hostingPlugin>('moz.platform.hosting');
type Listing = Awaited<ReturnType<typeof hosting.call<'list_apps'>>>;

/** The platform's apps of the caller, with their status; an explanation when there is no platform to ask. */
export default function HostingPage() {
  // Fetched by the server with the page (plugin.json's page.preload); fetched here only if it was not.
  const first = usePreloaded(hosting, 'list_apps', {});
  const [listing, setListing] = useState<Listing | null>(first ?? null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (first) return;
    hosting
      .call('list_apps', {})
      .then(setListing)
      .catch((caught: unknown) => setError(errorMessage(caught, 'Could not load your apps. Try again.')));
  }, [first]);

  if (error) return <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">{error}</p>;
  if (!listing) return <SkeletonList rows={2} label="Loading your apps" />;
  return (
    <section aria-label="Hosted apps" className="space-y-3">
      <p className="text-sm text-fg-muted" data-testid="platform-mode">{modeLabel(listing.mode)}</p>
      {hasSample(listing) && <SampleDataNotice />}
      {!listing.available ? (
        <EmptyState data-testid="platform-unavailable" title={unavailableMessage(listing.reason, 'hosting')} />
      ) : listing.apps.length === 0 ? (
        <EmptyState data-testid="platform-empty" title="You have no apps on the platform yet." />
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" data-testid="hosted-apps">
          {listing.apps.map((app) => (
            <li key={app.app_id} className="rounded-theme border border-line bg-surface p-4">
              <div className="flex items-center justify-between gap-3">
                <h2 className="font-medium text-fg">{app.name}</h2>
                <Badge tone={app.status === 'running' ? 'success' : 'neutral'}>{app.status}</Badge>
              </div>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-fg-muted">
                <dt>App id</dt>
                <dd>{app.app_id}</dd>
                {app.plan && (<><dt>Plan</dt><dd>{app.plan}</dd></>)}
                {app.region && (<><dt>Region</dt><dd>{app.region}</dd></>)}
              </dl>
              {app.url && (
                <a href={app.url} className="mt-2 inline-block text-sm text-accent underline underline-offset-2" rel="noreferrer" target="_blank">
                  {app.url}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
