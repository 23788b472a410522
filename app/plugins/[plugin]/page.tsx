import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getEnv } from '@/lib/env';
import { requireIdentity } from '@/lib/auth/page';
import { isShownWithoutPlatform, pluginStanding } from '@/lib/plugins/access';
import { getCatalogPlugin } from '@/lib/plugins/catalog';
import { preloadPage } from '@/lib/director/preload';
import { PluginPageView } from '@/plugins/pages.client.generated';
import { pluginPageKinds } from '@/plugins/pages.generated';
import { Icon } from '../../_components/icon';

export async function generateMetadata({ params }: { params: Promise<{ plugin: string }> }) {
  const plugin = getCatalogPlugin((await params).plugin);
  return { title: plugin && isShownWithoutPlatform(plugin) ? plugin.manifest.display_name : 'Not found' };
}

/** A plugin's page inside the shell: its ui/page.tsx, for users its roles and plan allow. */
export default async function PluginPage({ params }: { params: Promise<{ plugin: string }> }) {
  const identity = await requireIdentity();
  const standing = await pluginStanding(identity, getCatalogPlugin((await params).plugin));
  // A platform page without a platform (production, no sample data) is as absent as a disabled plugin.
  if (!standing || !isShownWithoutPlatform(standing.plugin)) notFound();
  const { plugin, usable: allowed } = standing;
  const hasPage = allowed && Object.hasOwn(pluginPageKinds, plugin.name);
  // The page's first data comes with its HTML: its largest paint is not a round trip after hydration.
  const preloaded = hasPage ? await preloadPage(identity, plugin) : {};
  return (
    <div className="space-y-6">
      <header className="flex items-center gap-3">
        <span className="flex size-10 items-center justify-center rounded-theme bg-surface-alt text-accent">
          <Icon name={plugin.manifest.icon} className="size-5" />
        </span>
        <div>
          <h1 className="text-2xl text-fg">{plugin.manifest.display_name}</h1>
          {plugin.manifest.description && <p className="text-sm text-fg-muted">{plugin.manifest.description}</p>}
        </div>
      </header>
      {!allowed ? (
        <p role="alert" className="rounded-theme border border-line bg-surface p-6 text-fg-muted" data-testid="plugin-locked">
          Your plan or role does not include {plugin.manifest.display_name}.{' '}
          {getEnv().monetization ? (
            <Link href="/subscriptions" className="text-accent underline underline-offset-2">
              See the plans that do.
            </Link>
          ) : (
            <>Ask the app&apos;s administrator for access.</>
          )}
        </p>
      ) : hasPage ? (
        <PluginPageView name={plugin.name} preloaded={preloaded} />
      ) : (
        <p className="rounded-theme border border-dashed border-line bg-surface p-6 text-fg-muted">
          This plugin has no page; it works through its actions (POST /api/execute/{plugin.name}).
        </p>
      )}
    </div>
  );
}
