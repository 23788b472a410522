import { declareCollection } from '@/lib/db/declare';

/** How long the audit log keeps an entry. */
export const AUDIT_RETENTION_SECONDS = 365 * 24 * 60 * 60;

/** `admin_audit_log`: one entry per administrative action, who did it, to what, and when. */
export const adminAuditLogCollection = declareCollection({
  name: 'admin_audit_log',
  scope: 'app',
  indexes: [
    { keys: { created_at: -1 }, serves: 'the audit log, newest first' },
    { keys: { created_at: 1 }, expireAfterSeconds: AUDIT_RETENTION_SECONDS, serves: 'retention' },
  ],
});
