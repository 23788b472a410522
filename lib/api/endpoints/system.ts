/** The runtime's own endpoints: liveness, readiness, what it is, and its periodic work. (The API reference is served from lib/api/table.ts.) */
import { z } from 'zod';
import { databaseDetails, sweepExpiredDocuments } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { runSchedulerPass } from '@/lib/notifications';
import { json } from '@/lib/http/respond';
import { getRuntimeInfo } from '@/lib/runtime/info';
import { getPhase, getReadiness } from '@/lib/runtime/lifecycle';
import { endpoint } from '../endpoint';

const tags = ['Runtime'];

export const health = endpoint({
  method: 'GET',
  path: '/health',
  tags,
  summary: 'Liveness: the process is up and serving (no dependency checks; see /ready)',
  auth: 'public',
  output: z.object({ status: z.literal('healthy'), app_id: z.string(), app_tier: z.string(), plugins_loaded: z.number().int() }),
  handler: () => {
    const info = getRuntimeInfo();
    return { status: 'healthy', app_id: info.appId, app_tier: info.appTier, plugins_loaded: info.pluginsLoaded };
  },
});

const databaseDetailsSchema = z.object({
  kind: z.enum(['embedded', 'mongodb']),
  documents: z.number().int().optional(),
  bytes: z.number().int().optional(),
  warn_bytes: z.number().int().optional().describe('Past this size on disk, `npm run doctor` says to move to MongoDB'),
});

export const ready = endpoint({
  method: 'GET',
  path: '/ready',
  tags,
  summary: 'Readiness: 200 once start-up is complete and every required dependency answers, else 503',
  auth: 'public',
  output: z.object({ status: z.literal('ready'), app_id: z.string(), app_tier: z.string(), details: z.object({ database: databaseDetailsSchema }) }),
  otherAnswers: {
    503: {
      description: 'Not ready: starting, stopping, or a dependency is down (`reason` says which); with Retry-After',
      schema: z.object({ status: z.literal('not_ready'), reason: z.string(), app_id: z.string(), details: z.object({ database: databaseDetailsSchema }) }),
    },
  },
  handler: async () => {
    const { appId, appTier } = getEnv();
    const readiness = await getReadiness();
    // The embedded store's size, so an operator sees it approach the size where MongoDB is the answer (docs/data.md).
    const details = { database: databaseDetails() };
    if (readiness.ready) return { status: 'ready', app_id: appId, app_tier: appTier, details };
    return json({ status: 'not_ready', reason: readiness.reason, app_id: appId, details }, { status: 503, headers: { 'Retry-After': '5' } });
  },
});

export const info = endpoint({
  method: 'GET',
  path: '/info',
  tags,
  summary: 'What this runtime is: app, tier, name, port and whether it is ready',
  auth: 'public',
  output: z.object({
    app_id: z.string(),
    app_tier: z.string(),
    app_name: z.string(),
    port: z.number().int(),
    ready: z.boolean(),
    runtime_version: z.string(),
    realtime: z.boolean().describe('Whether this server has Socket.IO (the custom server) or not (`next start`)'),
  }),
  handler: () => {
    const runtime = getRuntimeInfo();
    return {
      app_id: runtime.appId,
      app_tier: runtime.appTier,
      app_name: runtime.appName,
      port: getEnv().port,
      ready: getPhase() === 'ready',
      runtime_version: runtime.runtimeVersion,
      realtime: runtime.realtime,
    };
  },
});

/** What the in-process timers do, for hosts where no process lives long enough to run them. */
const cron = {
  path: '/api/internal/cron',
  tags,
  summary: 'Periodic work, once: due scheduled notifications, due digests, the TTL sweep (for Vercel Cron and the like)',
  description:
    'Needs `Authorization: Bearer $CRON_SECRET` (401 without it, and while CRON_SECRET is unset). Safe to call at any rate and ' +
    'from several schedulers at once, beside the instances’ own timers: every scheduled notification and digest is claimed, so ' +
    'each goes out once. The answer counts what this call did.',
  auth: 'cron',
  output: z.object({
    scheduled_notifications_sent: z.number().int().describe('Scheduled notifications that fell due and were sent by this call'),
    digest_emails_sent: z.number().int().describe('Daily or weekly digest emails this call sent'),
    expired_documents_removed: z.number().int().describe('Documents removed by TTL rules the database cannot enforce itself (0 on MongoDB)'),
  }),
  handler: async () => {
    const pass = await runSchedulerPass(getEnv().appId);
    const expired = await sweepExpiredDocuments();
    return { scheduled_notifications_sent: pass.scheduledSent, digest_emails_sent: pass.digestEmailsSent, expired_documents_removed: expired };
  },
} as const;

/** Vercel Cron calls with GET. */
export const cronGet = endpoint({ method: 'GET', ...cron });

/** Other schedulers often POST. */
export const cronPost = endpoint({ method: 'POST', ...cron });
