import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processSingleton } from '@/lib/runtime/global';
import { envSchema } from './schema';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

export { describeWeakSecret, envSchema } from './schema';
export type { TrustProxy } from './trust-proxy';

/** The validated runtime environment, with paths made absolute. */
export interface RuntimeEnv {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  /** A production build (NODE_ENV=production) told to behave as development: said loudly at start-up. */
  isDevelopmentOnProductionBuild: boolean;
  port: number;
  host: string;
  appId: string;
  appTier: string;
  /** Unset means the embedded store. */
  databaseUri: string | undefined;
  databaseTimeoutMs: number;
  monetization: boolean;
  /** Users may change or cancel their own plan (ALLOW_LOCAL_SUBSCRIPTION_WRITES). */
  allowLocalSubscriptionWrites: boolean;
  /** MOZAIKS_APP_ADMIN_KEY, when set. */
  adminKey: string | undefined;
  /** Platform connectors: whether managed mode was asked for, and the gateway when one is configured (see lib/connectors). */
  connectors: ConnectorSettings;
  /** INTERNAL_API_KEY, when set: platform services may send it instead of an internal_service token. */
  internalApiKey: string | undefined;
  /** CRON_SECRET, when set: what `/api/internal/cron` requires as its Bearer token. */
  cronSecret: string | undefined;
  /** Where the data may live; see lib/db/placement.ts. */
  storage: StorageSettings;
  configsPath: string;
  dataDir: string;
  shutdownTimeoutMs: number;
  pluginTimeoutSeconds: number;
  pluginRateLimits: boolean;
  /** Serve the benchmarks' bare baseline route (MOZAIKS_BENCH_BASELINE). */
  benchBaseline: boolean;
  /** Check each endpoint's answer against its output schema (MOZAIKS_CHECK_OUTPUTS). */
  checkOutputs: boolean;
  /** The custom server answers the table's endpoints itself in production (MOZAIKS_DIRECT_ROUTES). */
  directRoutes: boolean;
  /** Plugin sandboxes (see lib/plugins/sandbox). */
  sandbox: {
    all: boolean;
    memoryMb: number;
    processes: number;
    /** Processes of one plugin one user may hold at once: fewer than `processes` (when it is over 1), so other users always find one. */
    processesPerUser: number;
  };
  auth: AuthSettings;
  ai: AiSettings;
  /** Whose X-Forwarded-* headers to believe (TRUST_PROXY); see lib/http/client-address.ts. */
  trustProxy: TrustProxy;
  /** Origins besides the app's own whose pages may make cookie-authenticated writes (ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  /** Set when several instances share Redis. */
  redisUrl: string | undefined;
  /** SSE streams (lib/realtime/stream.ts). */
  realtime: { streamSeconds: number; heartbeatSeconds: number };
  notifications: NotificationSettings;
  /** What the security headers depend on (lib/http/security-headers.ts). */
  security: SecuritySettings;
}

/** What decides whether the embedded store may serve here. */
export interface StorageSettings {
  /** A production build (NODE_ENV=production), whatever ENV says. */
  productionBuild: boolean;
  /** MOZAIKS_EMBEDDED_STORE=allow. */
  embeddedStoreAllowed: boolean;
  /** The serverless host this process runs on, from the variables each sets in its functions; undefined elsewhere. */
  serverlessHost: string | undefined;
}

/** Variables serverless hosts set in every function, and the host each names. */
const SERVERLESS_MARKERS: [variable: string, host: string][] = [
  ['VERCEL', 'Vercel'],
  ['NETLIFY', 'Netlify'],
  ['AWS_LAMBDA_FUNCTION_NAME', 'AWS Lambda'],
];

/** The environment's part in the security headers. */
export interface SecuritySettings {
  /** AUTH_URL (or NEXTAUTH_URL) is https: every answer carries Strict-Transport-Security, pages upgrade insecure requests. */
  https: boolean;
  /** MOZAIKS_CSP_CONNECT_SRC: origins added to connect-src. */
  connectSources: string[];
  /** MOZAIKS_CSP_IMG_SRC: origins added to img-src. */
  imgSources: string[];
}

/** Which notification channels are configured, and when the scheduler runs. */
export interface NotificationSettings {
  email: { smtpUrl: string; fromAddress: string; fromName: string | undefined } | undefined;
  sms: { accountSid: string; authToken: string; fromNumber: string | undefined; messagingServiceSid: string | undefined; apiBaseUrl: string } | undefined;
  push: { publicKey: string; privateKey: string; subject: string } | undefined;
  /** Hosts (and their subdomains) a push subscription's endpoint may be on (PUSH_SERVICE_HOSTS). */
  pushServiceHosts: string[];
  digestDailyHour: number;
  /** 0 = Monday. */
  digestWeeklyDay: number;
  schedulerIntervalMs: number;
}

/** How the AI runtime reaches a model, and what it may spend. */
export interface AiSettings {
  /** `local`: the built-in deterministic model (no key and no endpoint configured). */
  provider: 'openai-compatible' | 'local';
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  localDelayMs: number;
  /** Tokens per calendar month; -1 unlimited. */
  appTokenBudget: number;
  userTokenBudget: number;
  /** How long a run's claim on its chat lasts without renewal (lib/ai/chats/lease.ts). */
  runLeaseSeconds: number;
}

/** What the platform connectors are told by the environment; lib/connectors decides the mode from it. */
export interface ConnectorSettings {
  /** MOZAIKS_MANAGED=1 or MOZAIKS_HOSTING_MODE=hosted. */
  managedRequested: boolean;
  /**
   * Why the platform-only services answer with labelled sample data when no platform manages the app:
   * MOZAIKS_CONNECTORS=mock (`requested`), or `auto` outside production (`development`). Unset: they do not.
   */
  sampleData?: 'requested' | 'development' | undefined;
  gateway: { baseUrl: string; apiKey: string | undefined; timeoutMs: number; retries: number } | undefined;
}

/** How people and API clients sign in. */
export interface AuthSettings {
  enabled: boolean;
  /** Sign-up and password sign-in against the users collection. */
  localAccounts: boolean;
  /** Set when Keycloak sign-in and Keycloak Bearer tokens are on. */
  keycloak: { issuer: string; clientId: string; clientSecret: string } | undefined;
  audience: string | undefined;
  requiredScope: string | undefined;
  rolesClaim: string | undefined;
  superadminRoles: string[];
  clockSkewSeconds: number;
  accessTokenMinutes: number;
  /** The first local account becomes superadmin (MOZAIKS_FIRST_USER_ADMIN; off by default in production). */
  firstUserAdmin: boolean;
  /** Sign-ups per client address per hour; 0: no limit. */
  signUpsPerHour: number;
}

/** A runtime environment whose secret is known; only `loadEnv` produces one. */
export interface LoadedEnv extends RuntimeEnv {
  jwtSecret: string;
  /** Where the secret came from, for the start-up log and the doctor. */
  jwtSecretSource: 'env' | 'generated';
}

export interface EnvProblem {
  variable: string;
  message: string;
}

/** Thrown when environment variables are invalid; `problems` names each variable and what is wrong. */
export class EnvError extends Error {
  constructor(readonly problems: EnvProblem[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export const DEFAULT_APP_ID = 'dev_app';

type Source = Record<string, string | undefined>;

/**
 * ENV as set (or its original name, ENVIRONMENT); unset, the build decides: a production build runs
 * as production, so a deployment never serves internal error messages or a generated secret by
 * accident. Development on a production build must be asked for, and start-up says so loudly.
 */
function deploymentEnvironment(source: Source): string | undefined {
  return source.ENV || source.ENVIRONMENT || (source.NODE_ENV === 'production' ? 'production' : undefined);
}

/** MOZAIKS_CONNECTORS as the connectors read it; production samples nothing unless asked to. */
function sampleDataOf(setting: 'auto' | 'mock' | 'off', isProduction: boolean): ConnectorSettings['sampleData'] {
  if (setting === 'mock') return 'requested';
  return setting === 'auto' && !isProduction ? 'development' : undefined;
}

/** Validates environment variables without side effects (the doctor uses this directly). */
export function parseEnv(source: Source = process.env, cwd = process.cwd()): RuntimeEnv & { jwtSecret: string | undefined } {
  const result = envSchema.safeParse({
    ...source,
    ENV: deploymentEnvironment(source),
    MOZAIKS_PLUGIN_TIMEOUT_SECONDS: source.MOZAIKS_PLUGIN_TIMEOUT_SECONDS || source.PLUGIN_EXEC_TIMEOUT_S || undefined,
  });
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'environment'), message: issue.message })),
    );
  }
  const raw = result.data;
  return {
    env: raw.ENV,
    isProduction: raw.ENV === 'production',
    isDevelopmentOnProductionBuild: source.NODE_ENV === 'production' && raw.ENV !== 'production',
    port: raw.PORT,
    host: raw.HOST,
    appId: raw.MOZAIKS_APP_ID ?? DEFAULT_APP_ID,
    appTier: raw.APP_TIER,
    databaseUri: raw.DATABASE_URI,
    databaseTimeoutMs: raw.DATABASE_TIMEOUT_MS,
    monetization: raw.MONETIZATION,
    allowLocalSubscriptionWrites: raw.ALLOW_LOCAL_SUBSCRIPTION_WRITES,
    adminKey: raw.MOZAIKS_APP_ADMIN_KEY,
    connectors: {
      managedRequested: raw.MOZAIKS_MANAGED || raw.MOZAIKS_HOSTING_MODE === 'hosted',
      sampleData: sampleDataOf(raw.MOZAIKS_CONNECTORS, raw.ENV === 'production'),
      gateway: raw.MOZAIKS_GATEWAY_BASE_URL
        ? { baseUrl: raw.MOZAIKS_GATEWAY_BASE_URL.replace(/\/+$/, ''), apiKey: raw.MOZAIKS_GATEWAY_API_KEY, timeoutMs: raw.MOZAIKS_GATEWAY_TIMEOUT_MS, retries: raw.MOZAIKS_GATEWAY_RETRIES }
        : undefined,
    },
    internalApiKey: raw.INTERNAL_API_KEY,
    cronSecret: raw.CRON_SECRET,
    storage: {
      productionBuild: source.NODE_ENV === 'production',
      embeddedStoreAllowed: raw.MOZAIKS_EMBEDDED_STORE === 'allow',
      serverlessHost: SERVERLESS_MARKERS.find(([variable]) => source[variable])?.[1],
    },
    configsPath: path.resolve(cwd, raw.MOZAIKS_CONFIGS_PATH),
    dataDir: path.resolve(cwd, raw.MOZAIKS_DATA_DIR),
    shutdownTimeoutMs: raw.MOZAIKS_SHUTDOWN_TIMEOUT_MS,
    pluginTimeoutSeconds: raw.MOZAIKS_PLUGIN_TIMEOUT_SECONDS,
    pluginRateLimits: raw.MOZAIKS_PLUGIN_RATE_LIMITS,
    benchBaseline: raw.MOZAIKS_BENCH_BASELINE,
    checkOutputs: raw.MOZAIKS_CHECK_OUTPUTS,
    directRoutes: raw.MOZAIKS_DIRECT_ROUTES,
    sandbox: {
      all: raw.MOZAIKS_SANDBOX_ALL,
      memoryMb: raw.MOZAIKS_SANDBOX_MEMORY_MB,
      processes: raw.MOZAIKS_SANDBOX_PROCESSES,
      processesPerUser: Math.min(raw.MOZAIKS_SANDBOX_PROCESSES_PER_USER ?? Math.ceil(raw.MOZAIKS_SANDBOX_PROCESSES / 2), raw.MOZAIKS_SANDBOX_PROCESSES),
    },
    auth: {
      enabled: raw.AUTH_ENABLED,
      localAccounts:
        raw.AUTH_LOCAL_ACCOUNTS === undefined ? !raw.KEYCLOAK_ISSUER : ['1', 'true'].includes(raw.AUTH_LOCAL_ACCOUNTS),
      keycloak:
        raw.KEYCLOAK_ISSUER && raw.KEYCLOAK_CLIENT_ID && raw.KEYCLOAK_CLIENT_SECRET
          ? { issuer: raw.KEYCLOAK_ISSUER.replace(/\/$/, ''), clientId: raw.KEYCLOAK_CLIENT_ID, clientSecret: raw.KEYCLOAK_CLIENT_SECRET }
          : undefined,
      audience: raw.AUTH_AUDIENCE ?? raw.KEYCLOAK_CLIENT_ID,
      requiredScope: raw.AUTH_REQUIRED_SCOPE,
      rolesClaim: raw.AUTH_ROLES_CLAIM,
      superadminRoles: raw.AUTH_SUPERADMIN_ROLES.split(',').map((role) => role.trim().toLowerCase()).filter(Boolean),
      clockSkewSeconds: raw.AUTH_CLOCK_SKEW_SECONDS,
      accessTokenMinutes: raw.ACCESS_TOKEN_EXPIRE_MINUTES,
      firstUserAdmin: raw.MOZAIKS_FIRST_USER_ADMIN === undefined ? raw.ENV !== 'production' : ['1', 'true'].includes(raw.MOZAIKS_FIRST_USER_ADMIN),
      signUpsPerHour: raw.MOZAIKS_SIGNUPS_PER_HOUR,
    },
    ai: {
      provider: raw.OPENAI_API_KEY || raw.OPENAI_BASE_URL ? 'openai-compatible' : 'local',
      baseUrl: (raw.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(/\/+$/, ''),
      apiKey: raw.OPENAI_API_KEY,
      model: raw.MOZAIKS_AI_MODEL ?? raw.DEFAULT_LLM_MODEL ?? 'gpt-4o-mini',
      localDelayMs: raw.MOZAIKS_AI_LOCAL_DELAY_MS,
      appTokenBudget: raw.MOZAIKS_AI_TOKEN_BUDGET,
      userTokenBudget: raw.MOZAIKS_AI_USER_TOKEN_BUDGET,
      runLeaseSeconds: raw.MOZAIKS_AI_RUN_LEASE_SECONDS,
    },
    trustProxy: parseTrustProxy(raw.TRUST_PROXY)!,
    allowedOrigins: raw.ALLOWED_ORIGINS?.split(',').map((origin) => origin.trim().replace(/\/$/, '')).filter(Boolean) ?? [],
    redisUrl: raw.REDIS_URL,
    realtime: { streamSeconds: raw.MOZAIKS_REALTIME_STREAM_SECONDS, heartbeatSeconds: raw.MOZAIKS_REALTIME_HEARTBEAT_SECONDS },
    notifications: {
      email: raw.SMTP_URL ? { smtpUrl: raw.SMTP_URL, fromAddress: raw.EMAIL_FROM_ADDRESS, fromName: raw.EMAIL_FROM_NAME } : undefined,
      sms:
        raw.SMS_ACCOUNT_SID && raw.SMS_AUTH_TOKEN && (raw.SMS_FROM_NUMBER || raw.SMS_MESSAGING_SERVICE_SID)
          ? {
              accountSid: raw.SMS_ACCOUNT_SID,
              authToken: raw.SMS_AUTH_TOKEN,
              fromNumber: raw.SMS_FROM_NUMBER,
              messagingServiceSid: raw.SMS_MESSAGING_SERVICE_SID,
              apiBaseUrl: raw.SMS_API_BASE_URL.replace(/\/$/, ''),
            }
          : undefined,
      push:
        raw.PUSH_VAPID_PUBLIC_KEY && raw.PUSH_VAPID_PRIVATE_KEY && raw.PUSH_VAPID_CLAIMS_EMAIL
          ? {
              publicKey: raw.PUSH_VAPID_PUBLIC_KEY,
              privateKey: raw.PUSH_VAPID_PRIVATE_KEY,
              subject: raw.PUSH_VAPID_CLAIMS_EMAIL.startsWith('mailto:') ? raw.PUSH_VAPID_CLAIMS_EMAIL : `mailto:${raw.PUSH_VAPID_CLAIMS_EMAIL}`,
            }
          : undefined,
      pushServiceHosts: raw.PUSH_SERVICE_HOSTS,
      digestDailyHour: raw.NOTIFICATION_DIGEST_DAILY_HOUR,
      digestWeeklyDay: raw.NOTIFICATION_DIGEST_WEEKLY_DAY,
      schedulerIntervalMs: raw.MOZAIKS_SCHEDULER_INTERVAL_MS,
    },
    security: {
      https: (raw.AUTH_URL ?? raw.NEXTAUTH_URL)?.toLowerCase().startsWith('https://') ?? false,
      connectSources: raw.MOZAIKS_CSP_CONNECT_SRC,
      imgSources: raw.MOZAIKS_CSP_IMG_SRC,
    },
    jwtSecret: raw.JWT_SECRET,
  };
}

const SECRET_FILE = 'jwt-secret';

/**
 * Outside production a missing JWT_SECRET is generated once and kept in the data folder, so sessions
 * and tokens survive restarts without any setup. The file is readable by its owner only.
 */
function readOrCreateDevSecret(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE);
  try {
    const existing = readFileSync(/* turbopackIgnore: true */ file, 'utf8').trim();
    if (existing) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(/* turbopackIgnore: true */ dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // `wx` fails if another process created the file first; then theirs wins and we read it.
  try {
    writeFileSync(/* turbopackIgnore: true */ file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(/* turbopackIgnore: true */ file, 0o600);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(/* turbopackIgnore: true */ file, 'utf8').trim();
  }
}

/** Validates the environment and resolves the secret (generating the development one if needed). */
export function loadEnv(source: Source = process.env, cwd = process.cwd()): LoadedEnv {
  const { jwtSecret, ...env } = parseEnv(source, cwd);
  if (jwtSecret) return { ...env, jwtSecret, jwtSecretSource: 'env' };
  return { ...env, jwtSecret: readOrCreateDevSecret(env.dataDir), jwtSecretSource: 'generated' };
}

const cache = processSingleton('env', () => ({ value: undefined as LoadedEnv | undefined }));

/** The process's environment, validated once. Throws `EnvError` when it is invalid. */
export function getEnv(): LoadedEnv {
  cache.value ??= loadEnv();
  return cache.value;
}

/** Forgets the cached environment; for tests that change variables between cases. */
export function resetEnvForTests(): void {
  cache.value = undefined;
}
