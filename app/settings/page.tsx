import type { Metadata } from 'next';
import type { Identity } from '@/lib/auth/identity';
import { findUserById } from '@/lib/auth/users';
import { requireIdentity } from '@/lib/auth/page';
import { getConfigs } from '@/lib/config';
import { notificationsOverview } from '@/lib/notifications';
import { pluginAccess } from '@/lib/plugins/access';
import { getCatalogPlugin, getCatalog, type CatalogPlugin } from '@/lib/plugins/catalog';
import { profileFields, profileOf, themeOf } from '@/lib/profile';
import { settingsSections } from '@/lib/profile/sections';
import { getPluginSettings } from '@/lib/settings/plugin-settings';
import { themeMode } from '@/lib/theme';
import { NotificationPreferencesForm } from './notification-preferences-form';
import { PasswordForm } from './password-form';
import { PluginSettingsForm } from './plugin-settings-form';
import { ProfileForm } from './profile-form';
import { PushPrompt } from './push-prompt';
import { ThemeField } from './theme-field';

export const metadata: Metadata = { title: 'Settings' };

const sectionClass = 'scroll-mt-20 space-y-4 rounded-theme border border-line bg-surface p-4 sm:p-6';

function SectionHeading({ id, title, description }: { id: string; title: string; description?: string | undefined }) {
  return (
    <div>
      <h2 id={id} className="text-lg text-fg">
        {title}
      </h2>
      {description && <p className="text-sm text-fg-muted">{description}</p>}
    </div>
  );
}

/** Notification preferences and the browser-push prompt; shown even where settings_config.json declares no such section. */
async function NotificationsSection({ title, identity }: { title: string; identity: Identity }) {
  const overview = await notificationsOverview(identity);
  const push = overview.config.channels.find((channel) => channel.id === 'push');
  return (
    <section id="notifications" aria-labelledby="notifications-heading" className={sectionClass}>
      <SectionHeading id="notifications-heading" title={title} description="Choose what you hear about, and where." />
      {push?.enabled && overview.config.push_public_key && <PushPrompt publicKey={overview.config.push_public_key} />}
      <NotificationPreferencesForm types={overview.config.notifications} categories={overview.config.categories} channels={overview.config.channels} initial={overview.preferences} />
    </section>
  );
}

async function PluginPanel({ plugin, identity }: { plugin: CatalogPlugin; identity: Identity }) {
  return <PluginSettingsForm plugin={plugin.name} displayName={plugin.manifest.display_name} fields={plugin.manifest.settings} initial={await getPluginSettings(identity, plugin)} />;
}

/**
 * Settings, generated from settings_config.json: profile sections (text, email, textarea, image and
 * toggle fields), the theme selector, password change, notification preferences and plugin panels;
 * then the settings panel of every other plugin the user may use.
 */
export default async function SettingsPage() {
  const identity = await requireIdentity();
  const user = await findUserById(identity.app_id, identity.user_id);
  const profile: Record<string, unknown> = user ? profileOf(user) : {};
  const fields = new Map(profileFields().map((field) => [field.id, field]));
  const { theme } = getConfigs();
  const themes = theme.available_themes.map((option) => ({ id: option.id, name: option.name, mode: themeMode(option) }));
  const sections = await settingsSections(identity);
  const allows = await pluginAccess(identity);
  const placed = new Set(sections.flatMap((section) => section.fields.filter((field) => field.type === 'plugin-settings').map((field) => field.plugin)));
  const otherPanels = [...getCatalog().values()].filter((plugin) => plugin.manifest.settings.length > 0 && allows(plugin) && !placed.has(plugin.name));
  const canChangePassword = typeof user?.hashed_password === 'string';

  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl text-fg">Settings</h1>
        <p className="text-sm text-fg-muted">Changes apply to your account on every device.</p>
      </header>

      {await Promise.all(
        sections.map(async (section) => {
          const headingId = `${section.id}-heading`;
          if (section.id === 'notifications') return <NotificationsSection key={section.id} title={section.title} identity={identity} />;
          const valueFields = section.fields.flatMap((field) => {
            const declared = fields.get(field.id);
            return declared ? [{ ...declared, ...(field.description ? { description: field.description } : {}), ...(field.placeholder ? { placeholder: field.placeholder } : {}) }] : [];
          });
          const widgets = section.fields.filter((field) => !fields.has(field.id));
          return (
            <section key={section.id} id={section.id} aria-labelledby={headingId} className={sectionClass}>
              <SectionHeading id={headingId} title={section.title} />
              {valueFields.length > 0 && (
                <ProfileForm
                  title={section.title}
                  fields={valueFields}
                  initial={Object.fromEntries(valueFields.map((field) => [field.id, (profile[field.id] as string | boolean | null | undefined) ?? null]))}
                />
              )}
              {await Promise.all(
                widgets.map(async (field) => {
                  if (field.type === 'theme-selector') return <ThemeField key={field.id} label={field.label ?? 'Theme'} themes={themes} current={themeOf(user)} />;
                  if (field.type === 'password-change') {
                    return canChangePassword ? (
                      <PasswordForm key={field.id} />
                    ) : (
                      <p key={field.id} className="text-sm text-fg-muted">
                        You sign in through your organisation&apos;s identity provider; change your password there.
                      </p>
                    );
                  }
                  const plugin = field.type === 'plugin-settings' && field.plugin ? getCatalogPlugin(field.plugin) : undefined;
                  return plugin ? <PluginPanel key={field.id} plugin={plugin} identity={identity} /> : null;
                }),
              )}
            </section>
          );
        }),
      )}

      {!sections.some((section) => section.id === 'notifications') && <NotificationsSection title="Notifications" identity={identity} />}

      {otherPanels.map((plugin) => (
        <section key={plugin.name} id={`plugin-${plugin.name}`} aria-labelledby={`plugin-${plugin.name}-heading`} className={sectionClass}>
          <SectionHeading id={`plugin-${plugin.name}-heading`} title={plugin.manifest.display_name} description={plugin.manifest.description || undefined} />
          <PluginPanel plugin={plugin} identity={identity} />
        </section>
      ))}
    </div>
  );
}
