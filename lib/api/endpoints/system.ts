/** The runtime's own endpoints: liveness, readiness and what it is. (The API reference is served from lib/api/table.ts.) */
import { z } from 'zod';
import { databaseDetails } from '@/lib/db';
import { getEnv } from '@/lib/env';
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
