import { ConfigError, getConfigs } from '@/lib/config';
import { startDatabase } from '@/lib/db';
import { embeddedStoreRefusal } from '@/lib/db/placement';
import './collections';
import { EnvError, getEnv, type LoadedEnv } from '@/lib/env';
import { hasSuperadmin } from '@/lib/admin/bootstrap';
import { listenForAccountChanges } from '@/lib/admin/users';
import { startScheduler } from '@/lib/notifications/scheduler';
import { notifySubscriptionChanges } from '@/lib/notifications/subscription-changes';
import { connectRedis } from '@/lib/realtime/redis';
import { processSingleton } from './global';
import { startEventLoopMonitor } from './event-loop';
import { markFailed, markReady, setServerKind, type ServerKind } from './lifecycle';
import { logger } from './logger';
import { StartupProblem } from './startup-problem';

const state = processSingleton('startup', () => ({ promise: undefined as Promise<LoadedEnv> | undefined }));

/**
 * Validates the environment and every config file, opens the database (its indexes are prepared in
 * the background, and /ready waits for them), starts the notification scheduler and the event-loop
 * stall monitor, then marks the runtime ready. Runs once per process however many entry points
 * call it (the custom server and instrumentation.ts both do; server.ts, when it runs, calls first,
 * so `server` says what serves the process). Rejects with `EnvError`, `ConfigError` or
 * `StartupProblem` (a database that cannot live here, say); the caller prints `describeStartupFailure` and exits.
 */
export function startRuntime({ server }: { server: ServerKind }): Promise<LoadedEnv> {
  state.promise ??= (async () => {
    try {
      setServerKind(server);
      const env = getEnv();
      getConfigs();
      const refusal = embeddedStoreRefusal(env, server);
      if (refusal) throw new StartupProblem(refusal);
      startDatabase();
      if (env.redisUrl) await connectRedis({ url: env.redisUrl, appId: env.appId });
      startScheduler();
      notifySubscriptionChanges();
      listenForAccountChanges();
      startEventLoopMonitor();
      markReady();
      logStartup(env);
      if (!env.auth.firstUserAdmin) void adviseOnFirstAdministrator();
      return env;
    } catch (error) {
      markFailed(error instanceof Error ? error.name : 'startup_failed');
      throw error;
    }
  })();
  return state.promise;
}

/** A start-up failure explained for the person reading the terminal. */
export function describeStartupFailure(error: unknown): string {
  const lines: string[] = [];
  if (error instanceof EnvError) {
    lines.push('Mozaiks Core cannot start: the environment is invalid.', '');
    for (const problem of error.problems) lines.push(`  ✖ ${problem.variable}: ${problem.message}`);
    lines.push('', 'Set the variables above (see .env.example), or run `npm run doctor` for a full report.');
  } else if (error instanceof ConfigError) {
    lines.push('Mozaiks Core cannot start: configuration is invalid.', '');
    const files = [...new Set(error.problems.map((problem) => problem.file))];
    for (const file of files) {
      lines.push(`  ${file}`);
      for (const problem of error.problems.filter((p) => p.file === file)) lines.push(`    ✖ ${problem.path}: ${problem.message}`);
    }
    lines.push('', 'Fix the file(s) above, or run `npm run doctor` for a full report.');
  } else if (error instanceof StartupProblem) {
    lines.push('Mozaiks Core cannot start.', '', `  ${error.message}`);
  } else {
    lines.push('Mozaiks Core cannot start.', '', `  ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  return lines.join('\n');
}

/** What a production build running as development gives away; printed on every start so nobody ships it unnoticed. */
export const DEVELOPMENT_ON_PRODUCTION_BUILD_WARNING = [
  'ENV=development on a production build: error answers carry internal messages, a generated JWT secret is used,',
  'the first account to sign up becomes superadmin and development checks are off. Never expose this server to',
  'the public; unset ENV (a production build runs as production) and set MOZAIKS_APP_ID and JWT_SECRET.',
].join(' ');

/** Without the first-user rule, a new app has no administrator until the operator makes one: say how. */
async function adviseOnFirstAdministrator(): Promise<void> {
  try {
    if (await hasSuperadmin()) return;
    logger.warn('This app has no administrator yet. Create one with `npm run admin:create -- --username <name> --email <address>` (docs/operations.md, "Security").');
  } catch (error) {
    logger.debug('could not check for an administrator at start-up', { error });
  }
}

function logStartup(env: LoadedEnv): void {
  if (env.isDevelopmentOnProductionBuild) logger.warn(DEVELOPMENT_ON_PRODUCTION_BUILD_WARNING, { env: env.env });
  logger.info('runtime ready', {
    app_id: env.appId,
    env: env.env,
    configs: env.configsPath,
    database: env.databaseUri ? 'mongodb' : 'embedded',
    redis: env.redisUrl ? 'on' : 'off',
    jwt_secret: env.jwtSecretSource,
  });
}
