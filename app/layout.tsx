import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import type { ReactNode } from 'react';
import { getConfigs } from '@/lib/config';
import { getEnv } from '@/lib/env';
import { NONCE_HEADER } from '@/lib/http/security-headers';
import { realtimeTransport } from '@/lib/runtime/lifecycle';
import { buildNavigation } from '@/lib/navigation';
import { pluginNavigation } from '@/lib/plugins/access';
import { getCatalog } from '@/lib/plugins/catalog';
import { buildThemeCss, resolveThemeId, THEME_COOKIE, themeMode } from '@/lib/theme';
import { findUserById } from '@/lib/auth';
import { currentIdentity } from '@/lib/auth/page';
import { StyleNonce, THEME_STYLE_ID } from '@/lib/ui/style-nonce';
import { AppShell } from './_components/app-shell';
import { PublicFrame } from './_components/public-frame';
import './globals.css';

// Every request reads the configs and the visitor's theme: nothing here may be baked in at build time.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { branding } = getConfigs().theme;
  return {
    title: { default: branding.app_name, template: `%s · ${branding.app_name}` },
    description: branding.tagline,
    icons: { icon: branding.favicon_url ?? '/favicon.svg' },
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { theme, navigation } = getConfigs();
  const env = getEnv();
  const identity = await currentIdentity();
  const user = identity && (await findUserById(identity.app_id, identity.user_id));
  // A signed-in user's theme follows them across devices; the cookie covers visitors and the first paint.
  const chosenTheme = typeof user?.theme === 'string' ? user.theme : (await cookies()).get(THEME_COOKIE)?.value;
  const themeId = resolveThemeId(theme, chosenTheme);
  const themes = theme.available_themes.map((t) => ({ id: t.id, name: t.name, mode: themeMode(t) }));
  // The page's CSP admits inline styles by this nonce only (proxy.ts).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;

  return (
    <html lang="en" data-theme={themeId} data-realtime={realtimeTransport()}>
      <head>
        <style id={THEME_STYLE_ID} nonce={nonce} dangerouslySetInnerHTML={{ __html: buildThemeCss(theme) }} />
      </head>
      <body>
        <StyleNonce />
        {identity ? (
          <AppShell
            appName={theme.branding.app_name}
            logoUrl={theme.branding.logo_url}
            navigation={buildNavigation(navigation, {
              monetization: env.monetization,
              plugins: await pluginNavigation(identity, navigation.plugins, [...getCatalog().values()]),
            })}
            themes={themes}
            currentTheme={themeId}
            themeCookie={THEME_COOKIE}
            user={{ name: user?.full_name || identity.username, username: identity.username, email: identity.email, roles: identity.roles, isSuperadmin: identity.is_superadmin }}
            assistant={{ appId: identity.app_id, userId: identity.user_id }}
          >
            {children}
          </AppShell>
        ) : (
          <PublicFrame appName={theme.branding.app_name} logoUrl={theme.branding.logo_url} themes={themes} currentTheme={themeId} themeCookie={THEME_COOKIE}>
            {children}
          </PublicFrame>
        )}
      </body>
    </html>
  );
}
