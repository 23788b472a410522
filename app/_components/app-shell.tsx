import type { ReactNode } from 'react';
import type { NavigationSections } from '@/lib/navigation';
// Its own file, not the kit's index: the shell is in every page's first load (bench/pages.ts).
import { Toaster } from '@/lib/ui/toast';
import { Brand } from './brand';
import { ChatWidget } from './chat-widget';
import { ConnectionStatus } from './connection-status';
import { Icon } from './icon';
import { NavLink } from './nav-link';
import { NotificationBell } from './notification-bell';
import { ShellStateProvider } from './shell-state';
import { MenuButton, SidebarFrame } from './sidebar-frame';
import { ThemeSwitcher, type ThemeOption } from './theme-switcher';
import { UserMenu } from './user-menu';

export interface AppShellProps {
  appName: string;
  logoUrl: string | undefined;
  navigation: NavigationSections;
  themes: ThemeOption[];
  currentTheme: string;
  themeCookie: string;
  user: { name: string; username: string; email: string | null; roles: string[]; isSuperadmin: boolean };
  /** Whose assistant the floating chat widget talks to. */
  assistant: { appId: string; userId: string };
  children: ReactNode;
}

function NavSection({ title, items }: { title: string; items: { label: string; path: string; icon?: string | undefined }[] }) {
  if (items.length === 0) return null;
  const headingId = `nav-${title.toLowerCase()}`;
  return (
    <div className="space-y-1">
      <h2 id={headingId} className="px-3 text-xs font-semibold tracking-wide text-fg-muted uppercase">
        {title}
      </h2>
      <ul aria-labelledby={headingId} className="space-y-1">
        {items.map((item) => (
          <li key={`${item.path}:${item.label}`}>
            <NavLink href={item.path}>
              <Icon name={item.icon} className="size-4 shrink-0" />
              <span className="truncate">{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The frame around every page: sidebar navigation, top bar and the main content area. */
export function AppShell({ appName, logoUrl, navigation, themes, currentTheme, themeCookie, user, assistant, children }: AppShellProps) {
  return (
    <ShellStateProvider>
      <a
        href="#main-content"
        className="sr-only z-50 rounded-theme bg-accent px-4 py-2 text-accent-contrast focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to main content
      </a>
      <div className="flex min-h-dvh">
        <SidebarFrame>
          <div className="flex h-16 items-center border-b border-line px-4">
            <Brand appName={appName} logoUrl={logoUrl} />
          </div>
          <nav aria-label="Main" className="flex-1 space-y-6 overflow-y-auto px-3 py-4" data-testid="main-nav">
            <NavSection title="Menu" items={navigation.core} />
            <NavSection title="Apps" items={navigation.plugins} />
            <NavSection title="Platform" items={navigation.platform} />
          </nav>
        </SidebarFrame>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-20 flex h-16 items-center gap-3 border-b border-line bg-surface/90 px-4 backdrop-blur lg:px-6">
            <MenuButton />
            <div className="min-w-0 flex-1 lg:hidden">
              <Brand appName={appName} logoUrl={logoUrl} />
            </div>
            <div className="ml-auto flex items-center gap-4">
              <ConnectionStatus />
              <NotificationBell />
              <ThemeSwitcher themes={themes} current={currentTheme} cookieName={themeCookie} persist />
              <UserMenu {...user} />
            </div>
          </header>
          <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-content flex-1 p-[var(--mz-container-padding)] focus:outline-none">
            {children}
          </main>
        </div>
      </div>
      <ChatWidget appId={assistant.appId} userId={assistant.userId} />
      <Toaster />
    </ShellStateProvider>
  );
}
