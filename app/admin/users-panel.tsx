'use client';

import { UserX } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { callApi, type ApiArgs, type ApiOutput } from '@/lib/api/client';
import { errorMessage } from '@/lib/http/browser';
import { Badge } from '@/lib/ui/badge';
import { Button } from '@/lib/ui/button';
import { ConfirmDialog, Dialog } from '@/lib/ui/dialog';
import { EmptyState } from '@/lib/ui/empty-state';
import { Field } from '@/lib/ui/field';
import { Input } from '@/lib/ui/input';
import { SkeletonList } from '@/lib/ui/skeleton';
import { Table, TBody, TD, TH, THead, TR } from '@/lib/ui/table';
import { toast } from '@/lib/ui/toast';
import { InlineError } from '@/app/_components/form-field';

type Page = ApiOutput<'GET /__mozaiks/admin/users'>;
type UserItem = Page['items'][number];
type ActionBody = ApiArgs<'POST /__mozaiks/admin/users/action'>['body'];

const FAILED: Record<ActionBody['action'], string> = {
  suspendUser: 'Could not suspend',
  unsuspendUser: 'Could not unsuspend',
  resetPassword: 'Could not reset the password of',
};

/** Asks for the new password, then resets it; the dialog stays open when the reset fails. */
function ResetPasswordDialog({ user, disabled, onReset }: { user: UserItem; disabled: boolean; onReset: (newPassword: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    try {
      await onReset(String(new FormData(event.currentTarget).get('newPassword') ?? ''));
      setOpen(false);
    } catch {
      // onReset said why in a toast; the dialog stays open to try again.
    } finally {
      setPending(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={`Reset the password of ${user.username}`}
      description="They sign in with the new password from now on; tell it to them another way."
      trigger={
        <Button variant="secondary" size="sm" disabled={disabled}>
          Reset password<span className="sr-only"> for {user.username}</span>
        </Button>
      }
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        <Field label="New password" hint="At least 8 characters.">
          <Input name="newPassword" type="password" required minLength={8} autoComplete="new-password" />
        </Field>
        <div className="flex justify-end">
          <Button type="submit" pending={pending} pendingLabel="Resetting…">
            Reset password
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Accounts: search, suspend and unsuspend, reset a password. */
export function UsersPanel({ selfId }: { selfId: string }) {
  const router = useRouter();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
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
        if (current) setError(errorMessage(caught, 'Could not load the accounts.'));
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

  /** Runs an account action and says how it went in a toast; rejects when it failed (a dialog stays open). */
  const act = async (user: UserItem, body: ActionBody) => {
    const failed = `${FAILED[body.action]} ${user.username}`;
    setBusy(user.id);
    let result: ApiOutput<'POST /__mozaiks/admin/users/action'>;
    try {
      result = await callApi('POST /__mozaiks/admin/users/action', { body });
    } catch (caught) {
      toast.error(failed, errorMessage(caught));
      throw caught;
    } finally {
      setBusy(null);
    }
    const refused = result.errors?.[0];
    if (refused) {
      toast.error(failed, refused.detail);
      throw new Error(refused.detail);
    }
    toast.success(`${result.message}: ${user.username}`);
    reload();
    // The audit log below is rendered by the server: show the action just taken.
    router.refresh();
  };

  return (
    <div className="space-y-3">
      <form role="search" onSubmit={search} className="flex gap-2">
        <label htmlFor="admin-user-search" className="sr-only">
          Search accounts
        </label>
        <Input id="admin-user-search" type="search" name="q" placeholder="Name, username or email" className="max-w-sm" />
        <Button type="submit">Search</Button>
      </form>
      <InlineError message={error} />
      {!data ? (
        !error && <SkeletonList rows={3} label="Loading accounts…" />
      ) : data.items.length === 0 ? (
        <EmptyState icon={UserX} title="No accounts found" description={query ? `Nothing matches “${query}”.` : undefined} />
      ) : (
        <>
          <p role="status" className="text-sm text-fg-muted">
            {data.total} account{data.total === 1 ? '' : 's'}
          </p>
          <Table caption="Accounts">
            <THead>
              <TR>
                <TH>Account</TH>
                <TH>Roles</TH>
                <TH>Status</TH>
                <TH>Last sign-in</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {data.items.map((user) => (
                <TR key={user.id} data-testid={`admin-user-${user.username}`}>
                  <TD>
                    <span className="block font-medium">{user.full_name ?? user.username}</span>
                    <span className="block text-xs text-fg-muted">
                      @{user.username}
                      {user.email ? ` · ${user.email}` : ''}
                    </span>
                  </TD>
                  <TD>{user.roles.join(', ')}</TD>
                  <TD>{user.disabled ? <Badge tone="danger">Suspended</Badge> : 'Active'}</TD>
                  <TD className="whitespace-nowrap">{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString('en') : 'Never'}</TD>
                  <TD>
                    <div className="flex justify-end gap-2">
                      {user.id !== selfId &&
                        (user.disabled ? (
                          <Button
                            variant="secondary"
                            size="sm"
                            disabled={busy === user.id}
                            // Nothing to confirm in giving access back; a failure is said by act's toast.
                            onClick={() => void act(user, { action: 'unsuspendUser', targetIds: [user.id] }).catch(() => undefined)}
                          >
                            Unsuspend<span className="sr-only"> {user.username}</span>
                          </Button>
                        ) : (
                          <ConfirmDialog
                            title={`Suspend ${user.username}?`}
                            description="They can neither sign in nor call the API until the account is unsuspended."
                            confirmLabel="Suspend"
                            onConfirm={() => act(user, { action: 'suspendUser', targetIds: [user.id] })}
                            trigger={
                              <Button variant="secondary" size="sm" disabled={busy === user.id}>
                                Suspend<span className="sr-only"> {user.username}</span>
                              </Button>
                            }
                          />
                        ))}
                      <ResetPasswordDialog
                        user={user}
                        disabled={busy === user.id}
                        onReset={(newPassword) => act(user, { action: 'resetPassword', targetIds: [user.id], params: { newPassword } })}
                      />
                    </div>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </>
      )}
      {data && data.pages > 1 && (
        <nav aria-label="Account pages" className="flex items-center gap-2 text-sm">
          <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <span className="text-fg-muted">
            Page {data.page} of {data.pages}
          </span>
          <Button variant="secondary" size="sm" disabled={page >= data.pages} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </nav>
      )}
    </div>
  );
}
