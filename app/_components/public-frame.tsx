import type { ReactNode } from 'react';
import { Brand } from './brand';
import { ThemeSwitcher, type ThemeOption } from './theme-switcher';

/** The frame for visitors who are not signed in: brand, theme choice, and the page centred. */
export function PublicFrame({
  appName,
  logoUrl,
  themes,
  currentTheme,
  themeCookie,
  children,
}: {
  appName: string;
  logoUrl: string | undefined;
  themes: ThemeOption[];
  currentTheme: string;
  themeCookie: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-16 items-center justify-between border-b border-line bg-surface px-4 lg:px-6">
        <Brand appName={appName} logoUrl={logoUrl} />
        <ThemeSwitcher themes={themes} current={currentTheme} cookieName={themeCookie} />
      </header>
      <main id="main-content" tabIndex={-1} className="flex flex-1 items-start justify-center px-4 py-12 focus:outline-none sm:py-20">
        {children}
      </main>
    </div>
  );
}
