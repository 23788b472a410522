/** Who may use the admin notification routes: the reference's `require_admin_or_internal` (superadmins always may). */
export const NOTIFICATION_ADMIN_ROLES = ['admin', 'internal_service', 'service'];
