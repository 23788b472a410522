/** The admin audit log: every administrative action, recorded before its answer goes out. */
import type { Identity } from '@/lib/auth/identity';
import { database } from '@/lib/db';

export interface AuditEntry {
  [key: string]: unknown;
  actor_id: string;
  actor_name: string;
  /** `admin_key`, `local` or `keycloak`. */
  actor_method: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  created_at: Date;
}

function auditOf(appId: string) {
  return database({ appId }).collection<AuditEntry>('admin_audit_log');
}

export async function recordAdminAction(actor: Identity, action: string, target: string | null, details: Record<string, unknown> = {}): Promise<void> {
  await auditOf(actor.app_id).insertOne({
    actor_id: actor.user_id,
    actor_name: actor.username,
    actor_method: actor.auth_method,
    action,
    target,
    details,
    created_at: new Date(),
  });
}

export async function listAuditEntries(appId: string, { limit, skip }: { limit: number; skip: number }) {
  const audit = auditOf(appId);
  const [items, total] = await Promise.all([audit.find({}, { sort: { created_at: -1 }, skip, limit }), audit.countDocuments({})]);
  return { items: items.map(({ _id, created_at, ...rest }) => ({ id: _id, ...rest, created_at: created_at.toISOString() })), total };
}
