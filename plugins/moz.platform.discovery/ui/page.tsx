'use client';

import { useEffect, useState } from 'react';
import { hasSample, modeLabel, unavailableMessage } from '@/lib/connectors/messages';
import { SampleDataNotice } from '@/lib/connectors/sample-notice';
import { ApiRequestError, pluginClient } from '@/lib/plugins/client';
import type discoveryPlugin from '../logic';

const discovery = pluginClient<typeof discoveryPlugin>('moz.platform.discovery');
type Results = Awaited<ReturnType<typeof discovery.call<'search'>>>;

/** Searches the platform's directory as you type; explains when there is no platform to ask. */
export default function DiscoveryPage() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      discovery
        .call('search', { query })
        .then((found) => {
          setResults(found);
          setError(null);
        })
        .catch((caught) => setError(caught instanceof ApiRequestError ? caught.message : 'Something went wrong. Try again.'));
    }, query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <section aria-label="App directory" className="space-y-3">
      <label className="block">
        <span className="sr-only">Search apps</span>
        <input
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Search apps"
          className="block w-full rounded-theme border border-line bg-surface px-3 py-2"
        />
      </label>
      {error && <p role="alert" className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">{error}</p>}
      {!results ? (
        <p role="status" className="text-fg-muted">Searching…</p>
      ) : (
        <>
          <p className="text-sm text-fg-muted" data-testid="platform-mode">{modeLabel(results.mode)}</p>
          {hasSample(results) && <SampleDataNotice />}
          {!results.available ? (
            <p className="rounded-theme border border-dashed border-line bg-surface p-6 text-fg-muted" data-testid="platform-unavailable">
              {unavailableMessage(results.reason, 'the app directory')}
            </p>
          ) : results.apps.length === 0 ? (
            <p className="rounded-theme border border-dashed border-line bg-surface p-6 text-fg-muted" data-testid="platform-empty">No apps match your search.</p>
          ) : (
            <ul className="space-y-3" data-testid="directory-apps">
              {results.apps.map((app) => (
                <li key={app.app_id} className="rounded-theme border border-line bg-surface p-4">
                  <h2 className="font-medium text-fg">{app.name}</h2>
                  {app.description && <p className="text-sm text-fg-muted">{app.description}</p>}
                  {app.category && <span className="mt-1 inline-block rounded-full bg-surface-alt px-2 py-0.5 text-xs text-fg-muted">{app.category}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
