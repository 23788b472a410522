import type { Metadata } from 'next';
import { requireIdentity } from '@/lib/auth/page';
import { notificationsOverview } from '@/lib/notifications';
import { pluginAccess } from '@/lib/plugins/access';
import { getPlugins } from '@/lib/plugins/registry';
import { getPluginSettings } from '@/lib/settings/plugin-settings';
import { NotificationPreferencesForm } from './notification-preferences-form';
import { PluginSettingsForm } from './plugin-settings-form';
import { PushPrompt } from './push-prompt';

export const metadata: Metadata = { title: 'Settings' };

const sectionClass = 'scroll-mt-20 space-y-4 rounded-theme border border-line bg-surface p-4 sm:p-6';

/** Settings: notification preferences (by type and channel), browser push, and each plugin's own panel. */
export default async function SettingsPage() {
  const identity = await requireIdentity();
  const overview = await notificationsOverview(identity.app_id, identity.user_id);
  const allows = await pluginAccess(identity);
  const panels = await Promise.all(
    [...getPlugins().values()]
      .filter((plugin) => plugin.manifest.settings.length > 0 && allows(plugin))
      .map(async (plugin) => ({ plugin, values: await getPluginSettings(identity, plugin) })),
  );
  const push = overview.config.channels.find((channel) => channel.id === 'push');

  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl text-fg">Settings</h1>
        <p className="text-sm text-fg-muted">Changes apply to your account on every device.</p>
      </header>

      <section id="notifications" aria-labelledby="notifications-heading" className={sectionClass}>
        <div>
          <h2 id="notifications-heading" className="text-lg text-fg">
            Notifications
          </h2>
          <p className="text-sm text-fg-muted">Choose what you hear about, and where.</p>
        </div>
        {push?.enabled && overview.config.push_public_key && <PushPrompt publicKey={overview.config.push_public_key} />}
        <NotificationPreferencesForm
          types={overview.config.notifications}
          categories={overview.config.categories}
          channels={overview.config.channels}
          initial={overview.preferences}
        />
      </section>

      {panels.map(({ plugin, values }) => (
        <section key={plugin.name} id={`plugin-${plugin.name}`} aria-labelledby={`plugin-${plugin.name}-heading`} className={sectionClass}>
          <div>
            <h2 id={`plugin-${plugin.name}-heading`} className="text-lg text-fg">
              {plugin.manifest.display_name}
            </h2>
            {plugin.manifest.description && <p className="text-sm text-fg-muted">{plugin.manifest.description}</p>}
          </div>
          <PluginSettingsForm plugin={plugin.name} displayName={plugin.manifest.display_name} fields={plugin.manifest.settings} initial={values} />
        </section>
      ))}
    </div>
  );
}
