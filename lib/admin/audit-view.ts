/**
 * The audit log as the admin page shows it: each action in words and its target by name (an
 * account's username, a plugin's display name, a broadcast's title) instead of the raw ids the log
 * stores. The API (`GET /__mozaiks/admin/audit`) keeps the stored form.
 */
import { usersOf } from '@/lib/auth/users';
import { getCatalogPlugin } from '@/lib/plugins/catalog';
import { listAuditEntries } from './audit';

const ACTIONS: Record<string, { label: string; target: 'user' | 'plugin' | 'broadcast' }> = {
  suspendUser: { label: 'Suspended an account', target: 'user' },
  unsuspendUser: { label: 'Unsuspended an account', target: 'user' },
  resetPassword: { label: 'Reset a password', target: 'user' },
  updateRoles: { label: 'Changed roles', target: 'user' },
  enablePlugin: { label: 'Enabled a plugin', target: 'plugin' },
  disablePlugin: { label: 'Disabled a plugin', target: 'plugin' },
  broadcastNotification: { label: 'Broadcast a notification', target: 'broadcast' },
};

export interface AuditRow {
  id: string;
  created_at: string;
  actor_name: string;
  action: string;
  action_label: string;
  /** The target by name, else its stored id; null when the action has none. */
  target_label: string | null;
  /** The stored id, for a tooltip or a search. */
  target: string | null;
}

export async function auditRows(appId: string, page: { limit: number; skip: number }): Promise<{ rows: AuditRow[]; total: number }> {
  const { items, total } = await listAuditEntries(appId, page);
  const userIds = [...new Set(items.filter((entry) => ACTIONS[entry.action]?.target === 'user' && entry.target).map((entry) => entry.target!))];
  const users = userIds.length ? await usersOf(appId).find({ _id: { $in: userIds } }, { projection: { username: 1, full_name: 1 } }) : [];
  const userName = new Map(users.map((user) => [user._id, user.full_name ? `${user.full_name} (@${user.username})` : `@${user.username}`]));
  const rows = items.map((entry) => {
    const known = ACTIONS[entry.action];
    let targetLabel: string | null = entry.target;
    if (entry.target && known?.target === 'user') targetLabel = userName.get(entry.target) ?? `a deleted account (${entry.target})`;
    if (entry.target && known?.target === 'plugin') targetLabel = getCatalogPlugin(entry.target)?.manifest.display_name ?? entry.target;
    if (known?.target === 'broadcast' && typeof entry.details.title === 'string') targetLabel = `“${entry.details.title}”`;
    return {
      id: entry.id,
      created_at: entry.created_at,
      actor_name: entry.actor_name,
      action: entry.action,
      action_label: known?.label ?? entry.action,
      target_label: targetLabel,
      target: entry.target,
    };
  });
  return { rows, total };
}
