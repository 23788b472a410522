// GET /__mozaiks/admin/audit — the admin audit log, newest first
import { z } from 'zod';
import { listAuditEntries } from '@/lib/admin/audit';
import { methods, readQuery, route } from '@/lib/http';

const query = z.object({
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(200).default(50),
  skip: z.coerce.number({ error: 'skip must be a number' }).int().min(0).default(0),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: 'admin' }, ({ request, identity }) => listAuditEntries(identity.app_id, readQuery(request, query))),
});
