import Link from 'next/link';
import { signOutAction } from '@/app/sign-in/actions';
import { Badge } from '@/lib/ui/badge';
import { Button } from '@/lib/ui/button';

/**
 * The signed-in user's name and roles, and the way out. A <details> disclosure, not the kit's DropdownMenu:
 * it holds who you are as well as actions, and opens and signs out without script.
 */
export function UserMenu({ name, username, email, roles, isSuperadmin = false }: { name: string; username: string; email: string | null; roles: string[]; isSuperadmin?: boolean }) {
  return (
    <details className="relative" data-testid="user-menu">
      <Button asChild variant="ghost" className="cursor-pointer [&::-webkit-details-marker]:hidden">
        <summary>
          <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-accent text-sm font-semibold text-accent-contrast">
            {name.charAt(0).toUpperCase()}
          </span>
          <span className="max-w-40 truncate max-sm:sr-only" data-testid="user-name">
            {name}
          </span>
        </summary>
      </Button>
      <div className="absolute right-0 z-30 mt-2 w-64 rounded-theme border border-line bg-surface p-4 shadow-lg">
        <p className="font-medium text-fg">{name}</p>
        <p className="text-sm text-fg-muted">@{username}</p>
        {email && <p className="truncate text-sm text-fg-muted">{email}</p>}
        {roles.length > 0 && (
          <ul className="mt-3 flex flex-wrap gap-1" aria-label="Roles" data-testid="user-roles">
            {roles.map((role) => (
              <li key={role}>
                <Badge>{role}</Badge>
              </li>
            ))}
          </ul>
        )}
        <ul className="mt-4 space-y-1 border-t border-line pt-3 text-sm">
          <li>
            <Link href="/settings" className="block rounded-theme px-2 py-1.5 text-fg hover:bg-surface-alt">
              Settings
            </Link>
          </li>
          <li>
            <Link href="/notifications" className="block rounded-theme px-2 py-1.5 text-fg hover:bg-surface-alt">
              Notifications
            </Link>
          </li>
          {isSuperadmin && (
            <li>
              <Link href="/admin" className="block rounded-theme px-2 py-1.5 text-fg hover:bg-surface-alt">
                Admin
              </Link>
            </li>
          )}
        </ul>
        <form action={signOutAction} className="mt-3">
          <Button type="submit" variant="secondary" className="w-full">
            Sign out
          </Button>
        </form>
      </div>
    </details>
  );
}
