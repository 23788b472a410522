import Link from 'next/link';
import { requireIdentity } from '@/lib/auth/page';
import { getConfigs } from '@/lib/config';
import { getEnv } from '@/lib/env';
import { buildNavigation } from '@/lib/navigation';
import { pluginNavigation } from '@/lib/plugins/access';
import { getCatalog } from '@/lib/plugins/catalog';
import { getRuntimeInfo } from '@/lib/runtime/info';
import { Icon } from './_components/icon';

function StatCard({ label, value, hint, testId }: { label: string; value: string; hint: string; testId: string }) {
  return (
    <div className="rounded-theme border border-line bg-surface p-5" data-testid={testId}>
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-fg">{value}</dd>
      <dd className="mt-1 text-xs text-fg-muted">{hint}</dd>
    </div>
  );
}

export default async function DashboardPage() {
  const identity = await requireIdentity();
  const { theme, navigation } = getConfigs();
  const info = getRuntimeInfo();
  const plugins = await pluginNavigation(identity, navigation.plugins, [...getCatalog().values()]);
  const sections = buildNavigation(navigation, { monetization: getEnv().monetization, plugins });
  const shortcuts = sections.core.filter((item) => item.path !== '/');

  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl text-fg sm:text-3xl">Welcome to {theme.branding.app_name}</h1>
        {theme.branding.tagline && <p className="mt-2 text-fg-muted">{theme.branding.tagline}</p>}
      </header>

      <section aria-labelledby="status-title">
        <h2 id="status-title" className="mb-4 text-lg">
          At a glance
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <StatCard label="Status" value="Running" hint={`Runtime ${info.runtimeVersion} · ${info.env}`} testId="stat-status" />
          <StatCard label="App" value={info.appId} hint={`${info.appTier} tier`} testId="stat-app" />
          <StatCard
            label="Data"
            value={info.database === 'mongodb' ? 'MongoDB' : 'Embedded store'}
            hint={info.database === 'mongodb' ? 'DATABASE_URI is set' : 'No database to install; set DATABASE_URI for MongoDB'}
            testId="stat-data"
          />
          <StatCard
            label="Live updates"
            value="On"
            hint={info.realtime ? 'Socket.IO on the custom server' : 'Server-sent events (no custom server here)'}
            testId="stat-realtime"
          />
        </dl>
      </section>

      <section aria-labelledby="plugins-title">
        <h2 id="plugins-title" className="mb-4 text-lg">
          Plugins
        </h2>
        {plugins.length === 0 ? (
          <div className="rounded-theme border border-dashed border-line bg-surface p-8 text-center" data-testid="plugins-empty">
            <Icon name="puzzle" className="mx-auto size-8 text-fg-muted" />
            <p className="mt-3 font-medium text-fg">No plugins yet</p>
            <p className="mx-auto mt-1 max-w-md text-sm text-fg-muted">
              Plugins are the features of your app. Add a folder under <code className="rounded bg-surface-alt px-1">plugins/</code> and it appears here
              and in the sidebar.
            </p>
          </div>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="plugin-cards">
            {plugins.map((item) => {
              const manifest = getCatalog().get(item.plugin_name)?.manifest;
              return (
                <li key={item.plugin_name}>
                  <Link href={item.path} className="flex h-full gap-3 rounded-theme border border-line bg-surface p-4 text-fg transition-colors hover:border-accent">
                    <span className="flex size-9 shrink-0 items-center justify-center rounded-theme bg-surface-alt text-accent">
                      <Icon name={item.icon} className="size-5" />
                    </span>
                    <span>
                      <span className="block font-medium">{item.label}</span>
                      {manifest?.description && <span className="mt-1 block text-sm text-fg-muted">{manifest.description}</span>}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {shortcuts.length > 0 && (
        <section aria-labelledby="shortcuts-title">
          <h2 id="shortcuts-title" className="mb-4 text-lg">
            Go to
          </h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {shortcuts.map((item) => (
              <li key={`${item.path}:${item.label}`}>
                <Link
                  href={item.path}
                  className="flex items-center gap-3 rounded-theme border border-line bg-surface p-4 text-fg transition-colors hover:border-accent"
                >
                  <span className="flex size-9 items-center justify-center rounded-theme bg-surface-alt text-accent">
                    <Icon name={item.icon} className="size-5" />
                  </span>
                  <span className="font-medium">{item.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
