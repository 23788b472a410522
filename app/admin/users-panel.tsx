'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { callApi, type ApiArgs, type ApiOutput } from '@/lib/api/client';
import { InlineError } from '@/app/_components/form-field';

type Page = ApiOutput<'GET /__mozaiks/admin/users'>;
type UserItem = Page['items'][number];

/** What the action sends; a password reset asks for the new password first (undefined: the admin cancelled). */
function actionBody(user: UserItem, action: 'suspendUser' | 'unsuspendUser' | 'resetPassword'): ApiArgs<'POST /__mozaiks/admin/users/action'>['body'] | undefined {
  if (action !== 'resetPassword') return { action, targetIds: [user.id] };
  const newPassword = window.prompt(`New password for ${user.username} (at least 8 characters)`);
  return newPassword ? { action, targetIds: [user.id], params: { newPassword } } : undefined;
}

const button = 'rounded-theme border border-line px-2 py-1 text-xs text-fg hover:bg-surface-alt disabled:opacity-60';

/** Accounts: search, suspend and unsuspend, reset a password. */
export function UsersPanel({ selfId }: { selfId: string }) {
  const router = useRouter();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const [version, setVersion] = useState(0);
  const reload = () => setVersion((value) => value + 1);

  useEffect(() => {
    let current = true;
    callApi('GET /__mozaiks/admin/users', { query: { page, limit: 20, q: query } }).then(
      (result) => {
        if (!current) return;
        setData(result);
        setError(null);
      },
      (caught: unknown) => {
        if (current) setError((caught as Error).message);
      },
    );
    return () => {
      current = false;
    };
  }, [page, query, version]);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPage(1);
    setQuery(String(new FormData(event.currentTarget).get('q') ?? ''));
  };

  const act = async (user: UserItem, action: 'suspendUser' | 'unsuspendUser' | 'resetPassword') => {
    const body = actionBody(user, action);
    if (!body) return;
    setBusy(user.id);
    setNotice(null);
    try {
      const result = await callApi('POST /__mozaiks/admin/users/action', { body });
      if (result.errors?.length) throw new Error(result.errors[0]!.detail);
      setNotice(`${result.message}: ${user.username}`);
      reload();
      // The audit log below is rendered by the server: show the action just taken.
      router.refresh();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="space-y-3">
      <form role="search" onSubmit={search} className="flex gap-2">
        <label htmlFor="admin-user-search" className="sr-only">
          Search accounts
        </label>
        <input id="admin-user-search" type="search" name="q" placeholder="Name, username or email" className="w-full max-w-sm rounded-theme border border-line bg-surface px-3 py-2 text-sm text-fg" />
        <button type="submit" className="rounded-theme bg-accent px-3 py-2 text-sm font-medium text-accent-contrast">
          Search
        </button>
      </form>
      <InlineError message={error} />
      <p role="status" className="text-sm text-fg-muted">
        {notice ?? (data ? `${data.total} account${data.total === 1 ? '' : 's'}` : 'Loading accounts…')}
      </p>
      {data && data.items.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Accounts</caption>
            <thead className="text-fg-muted">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Account</th>
                <th scope="col" className="py-2 pr-4 font-medium">Roles</th>
                <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                <th scope="col" className="py-2 pr-4 font-medium">Last sign-in</th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line text-fg">
              {data.items.map((user) => (
                <tr key={user.id} data-testid={`admin-user-${user.username}`}>
                  <td className="py-2 pr-4">
                    <span className="block font-medium">{user.full_name ?? user.username}</span>
                    <span className="block text-xs text-fg-muted">
                      @{user.username}
                      {user.email ? ` · ${user.email}` : ''}
                    </span>
                  </td>
                  <td className="py-2 pr-4">{user.roles.join(', ')}</td>
                  <td className="py-2 pr-4">{user.disabled ? <span className="text-danger">Suspended</span> : 'Active'}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString('en') : 'Never'}</td>
                  <td className="py-2">
                    <div className="flex justify-end gap-2">
                      {user.id !== selfId &&
                        (user.disabled ? (
                          <button type="button" className={button} disabled={busy === user.id} onClick={() => void act(user, 'unsuspendUser')}>
                            Unsuspend<span className="sr-only"> {user.username}</span>
                          </button>
                        ) : (
                          <button type="button" className={button} disabled={busy === user.id} onClick={() => void act(user, 'suspendUser')}>
                            Suspend<span className="sr-only"> {user.username}</span>
                          </button>
                        ))}
                      <button type="button" className={button} disabled={busy === user.id} onClick={() => void act(user, 'resetPassword')}>
                        Reset password<span className="sr-only"> for {user.username}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.pages > 1 && (
        <nav aria-label="Account pages" className="flex items-center gap-2 text-sm">
          <button type="button" className={button} disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span className="text-fg-muted">
            Page {data.page} of {data.pages}
          </span>
          <button type="button" className={button} disabled={page >= data.pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
