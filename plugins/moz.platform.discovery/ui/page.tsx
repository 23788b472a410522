'use client';

import { useEffect, useRef, useState } from 'react';
import { hasSample, modeLabel, unavailableMessage } from '@/lib/connectors/messages';
import { SampleDataNotice } from '@/lib/connectors/sample-notice';
import { errorMessage, pluginClient, usePreloaded } from '@/lib/plugins/client';
import { Badge, EmptyState, Input, SkeletonList } from '@/lib/ui';
import type discoveryPlugin from '../logic';

const discovery = pluginClient<typeof discoveryPlugin>('moz.platform.discovery');
type Results = Awaited<ReturnType<typeof discovery.call<'search'>>>;

/** Searches the platform's directory as you type; explains when there is no platform to ask. */
export default function DiscoveryPage() {
  const [query, setQuery] = useState('');
  // The empty search the server ran with the page (plugin.json's page.preload).
  const first = usePreloaded(discovery, 'search', { query: '' });
  const [results, setResults] = useState<Results | null>(first ?? null);
  const hasFirst = useRef(first !== undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (hasFirst.current) {
      hasFirst.current = false;
      return;
    }
    const timer = setTimeout(() => {
      discovery
        .call('search', { query })
        .then((found) => {
          setResults(found);
          setError(null);
        })
        .catch((caught: unknown) => setError(errorMessage(caught, 'Could not search the directory. Try again.')));
    }, query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <section aria-label="App directory" className="space-y-3">
      <Input type="search" aria-label="Search apps" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search apps" />
      {error && <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">{error}</p>}
      {!results ? (
        <SkeletonList rows={3} label="Searching" />
      ) : (
        <>
          <p className="text-sm text-fg-muted" data-testid="platform-mode">{modeLabel(results.mode)}</p>
          {hasSample(results) && <SampleDataNotice />}
          {!results.available ? (
            <EmptyState data-testid="platform-unavailable" title={unavailableMessage(results.reason, 'the app directory')} />
          ) : results.apps.length === 0 ? (
            <EmptyState data-testid="platform-empty" title="No apps match your search." description="Try fewer or different words." />
          ) : (
            <ul className="space-y-3" data-testid="directory-apps">
              {results.apps.map((app) => (
                <li key={app.app_id} className="rounded-theme border border-line bg-surface p-4">
                  <h2 className="font-medium text-fg">{app.name}</h2>
                  {app.description && <p className="text-sm text-fg-muted">{app.description}</p>}
                  {app.category && <Badge className="mt-1">{app.category}</Badge>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
