import { z } from 'zod';
import { parseTrustProxy } from './trust-proxy';

/** Accepts the spellings people actually put in env files for an on/off switch. */
const flag = (defaultValue: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return defaultValue;
      if (['1', 'true', 'yes', 'on'].includes(value)) return true;
      if (['0', 'false', 'no', 'off'].includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: `expected 1/0 or true/false, got "${value}"` });
      return z.NEVER;
    });

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** Values of `JWT_SECRET` that appear in tutorials and templates; never acceptable in production. */
const PLACEHOLDER_SECRET_WORDS = ['changeme', 'change-me', 'change_me', 'supersecret', 'your-secret', 'example', 'placeholder'];

export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** Why a production `JWT_SECRET` is too weak, or `undefined` when it is strong enough. */
export function describeWeakSecret(secret: string): string | undefined {
  if (secret.length < MIN_PRODUCTION_SECRET_LENGTH) {
    return `must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production (got ${secret.length})`;
  }
  if (!/[a-z]/.test(secret) || !/[A-Z]/.test(secret) || !/[0-9]/.test(secret)) {
    return 'must mix lower-case letters, upper-case letters and digits in production';
  }
  const lower = secret.toLowerCase();
  const placeholder = PLACEHOLDER_SECRET_WORDS.find((word) => lower.includes(word));
  if (placeholder) return `looks like a placeholder (contains "${placeholder}"); generate one with \`openssl rand -base64 48\``;
  return undefined;
}

/** `https://host[:port]`: what a browser sends as `Origin`. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/** A CSP source a deployer may add: an http(s) or ws(s) origin (a `*.` subdomain wildcard allowed), optionally with a path. */
const CSP_SOURCE_PATTERN = /^(?:https?|wss?):\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?(?:\/[^\s;,'"]*)?$/i;

/** Origins separated by spaces or commas; each must be a plain origin, so nothing can end the directive or add a keyword. */
const cspSources = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const sources = (value ?? '').split(/[\s,]+/).filter(Boolean);
    for (const source of sources) {
      if (!CSP_SOURCE_PATTERN.test(source)) ctx.addIssue({ code: 'custom', message: `"${source}" is not an origin such as https://cdn.example.com or wss://*.example.com` });
    }
    return sources;
  });

const APP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * The environment variables Mozaiks Core reads at start-up. Each one is documented in `.env.example`.
 * Names match the original MozaiksCore runtime so existing deployments carry over.
 */
export const envSchema = z
  .object({
    /**
     * Deployment environment. Unset, it follows the build: `production` for a production build
     * (NODE_ENV=production, as `npm start` and `next start` run), else `development` (see parseEnv).
     */
    ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Port the server listens on. */
    PORT: z.coerce
      .number({ message: 'must be a whole number between 1 and 65535' })
      .int('must be a whole number between 1 and 65535')
      .min(1, 'must be a whole number between 1 and 65535')
      .max(65535, 'must be a whole number between 1 and 65535')
      .default(3000),
    /** Interface the custom server binds to. */
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    /** The app this runtime serves; every record it stores is scoped to it. */
    MOZAIKS_APP_ID: optionalString.pipe(
      z
        .string()
        .regex(APP_ID_PATTERN, 'must be 1-64 characters of letters, digits, "_", "." or "-", starting with a letter or digit')
        .optional(),
    ),
    /** Tier reported by /health and /info. */
    APP_TIER: z.string().trim().min(1).default('free'),
    /** MongoDB connection string; when unset the embedded store under MOZAIKS_DATA_DIR is used. */
    DATABASE_URI: optionalString.pipe(
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a MongoDB connection string (mongodb://… or mongodb+srv://…)')
        .optional(),
    ),
    /** Deadline for every MongoDB operation, so a dead database fails requests instead of hanging them. */
    DATABASE_TIMEOUT_MS: z.coerce
      .number({ message: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(100, 'must be at least 100 ms')
      .default(5_000),
    /** Secret for locally issued tokens and sessions. Generated and kept under MOZAIKS_DATA_DIR in development. */
    JWT_SECRET: optionalString,
    /** `1` turns on subscription plans and plugin gating. */
    MONETIZATION: flag(false),
    /** `true` lets users change or cancel their own plan here; otherwise only the control plane (internal sync) may. */
    ALLOW_LOCAL_SUBSCRIPTION_WRITES: flag(false),
    /** Key for the `/__mozaiks/admin/*` API (header X-Mozaiks-App-Admin-Key), for operators' tools; superadmins need none. */
    MOZAIKS_APP_ADMIN_KEY: optionalString.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
    /** Folder holding the JSON configs. */
    MOZAIKS_CONFIGS_PATH: z.string().trim().min(1).default('config'),
    /** `1` when a Mozaiks platform manages this app: platform connectors go over HTTP to the gateway (with MOZAIKS_GATEWAY_BASE_URL). */
    MOZAIKS_MANAGED: flag(false),
    /** The original's other switch: `hosted` means the same as MOZAIKS_MANAGED=1; `self_host` (the default) changes nothing. */
    MOZAIKS_HOSTING_MODE: optionalString.pipe(z.enum(['self_host', 'self_hosted', 'hosted'], { message: 'expected self_host or hosted' }).optional()),
    /** The platform gateway's base URL, e.g. https://gateway.mozaiks.example; managed mode needs it. */
    MOZAIKS_GATEWAY_BASE_URL: optionalString.pipe(z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'must be an http(s) URL such as https://gateway.example.com').optional()),
    /**
     * Sample data for the platform-only services (hosting, discovery, social, community, growth, funding) when no
     * platform manages the app: `auto` outside production, `mock` always, `off` never. A managed platform wins.
     */
    MOZAIKS_CONNECTORS: optionalString.pipe(z.enum(['auto', 'mock', 'off'], { message: 'expected auto, mock or off' }).default('auto')),
    /** This app's key at the gateway, sent as `x-mozaiks-app-key`. */
    MOZAIKS_GATEWAY_API_KEY: optionalString,
    /** How long one gateway request may take before the connector gives up on it. */
    MOZAIKS_GATEWAY_TIMEOUT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int('must be a whole number of milliseconds').min(50, 'must be at least 50 ms').max(120_000).default(10_000),
    /** Extra attempts for idempotent gateway calls after 429, 5xx or a network error (never for checkout, cancel and other writes). */
    MOZAIKS_GATEWAY_RETRIES: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0).max(5).default(2),
    /** Key that platform services send as `X-Internal-API-Key` to call the internal APIs (identity, billing) instead of a service-account token. */
    INTERNAL_API_KEY: optionalString.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
    /**
     * The Bearer secret `GET|POST /api/internal/cron` requires (Vercel Cron sends it as `Authorization: Bearer
     * $CRON_SECRET`). Unset: the route refuses every call.
     */
    CRON_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters; generate one with `openssl rand -base64 32`').optional()),
    /**
     * `allow`: use the embedded store under plain `next start` in production too, for one long-lived
     * instance on a persistent disk. Unset, that combination is refused: serverless hosts lose the files.
     */
    MOZAIKS_EMBEDDED_STORE: optionalString.pipe(z.enum(['allow'], { message: 'expected allow (or unset)' }).optional()),
    /** Folder for local state: the embedded database, the generated development secret. */
    MOZAIKS_DATA_DIR: z.string().trim().min(1).default('.data'),
    /** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
    MOZAIKS_SHUTDOWN_TIMEOUT_MS: z.coerce
      .number({ message: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, 'must be zero or more')
      .default(10_000),
    /** An SSE stream (GET /api/realtime/stream) ends after this long, before a host's function time limit; the browser reconnects and resumes. */
    MOZAIKS_REALTIME_STREAM_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int('must be a whole number of seconds').min(1, 'must be at least 1 s').max(86_400).default(240),
    /** How often an idle SSE stream sends a heartbeat comment, so proxies keep it open. */
    MOZAIKS_REALTIME_HEARTBEAT_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int('must be a whole number of seconds').min(1, 'must be at least 1 s').max(300).default(15),
    /** `false` turns authentication off (everyone is the anonymous user); refused when ENV=production. */
    AUTH_ENABLED: flag(true),
    /** Keycloak realm URL, e.g. https://sso.example.com/realms/mozaiks; with the client id and secret it enables Keycloak sign-in. */
    KEYCLOAK_ISSUER: optionalString.pipe(z.string().url('must be the realm URL, such as https://sso.example.com/realms/mozaiks').optional()),
    KEYCLOAK_CLIENT_ID: optionalString,
    KEYCLOAK_CLIENT_SECRET: optionalString,
    /** Local accounts (sign-up, password sign-in, /api/auth/token); default: on unless Keycloak is configured. */
    AUTH_LOCAL_ACCOUNTS: optionalString.pipe(z.enum(['0', '1', 'true', 'false'], { message: 'expected 1/0 or true/false' }).optional()),
    /** Audience a Keycloak access token must carry to be accepted as Bearer; default: KEYCLOAK_CLIENT_ID. */
    AUTH_AUDIENCE: optionalString,
    /** Scope a Bearer token must carry; empty (the default) requires none, so stock Keycloak tokens work. */
    AUTH_REQUIRED_SCOPE: optionalString,
    /** Claim holding the roles (dot path); default: realm_access.roles plus resource_access.*.roles. */
    AUTH_ROLES_CLAIM: optionalString,
    /** Comma-separated role names that make a user superadmin (case-insensitive). */
    AUTH_SUPERADMIN_ROLES: z.string().trim().default('superadmin'),
    /** Allowed clock difference when checking token expiry, in seconds. */
    AUTH_CLOCK_SKEW_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(0).max(600).default(120),
    /** Lifetime of locally issued access tokens (POST /api/auth/token), in minutes. */
    ACCESS_TOKEN_EXPIRE_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(1).max(60 * 24 * 30).default(1440),
    /**
     * Which proxies' forwarded headers (X-Forwarded-For, X-Forwarded-Proto) to believe, as Express's
     * `trust proxy`: unset or `false` none (the client is the socket's peer); `true` every hop; a whole
     * number, that many hops in front of the server; else a comma-separated list of addresses, CIDR ranges
     * or `loopback` / `linklocal` / `uniquelocal`.
     */
    TRUST_PROXY: optionalString.pipe(
      z
        .string()
        .refine((value) => parseTrustProxy(value) !== undefined, 'expected false, true, a number of hops, or a comma-separated list of addresses and CIDR ranges')
        .optional(),
    ),
    /** Other origins whose pages may send the session cookie with state-changing requests (comma-separated, e.g. https://admin.example.com). */
    ALLOWED_ORIGINS: optionalString.pipe(
      z
        .string()
        .refine((value) => value.split(',').every((origin) => isOrigin(origin.trim())), 'expected comma-separated origins such as https://app.example.com (scheme, host and port only)')
        .optional(),
    ),
    /**
     * `true`: the first local account of an app becomes its superadmin. Default: on in development,
     * off in production, where a public sign-up page must not hand the app to whoever comes first
     * (create the first administrator with `npm run admin:create` instead).
     */
    MOZAIKS_FIRST_USER_ADMIN: optionalString.pipe(z.enum(['0', '1', 'true', 'false'], { message: 'expected 1/0 or true/false' }).optional()),
    /** Local sign-ups one client address may make per hour; 0 removes the limit. */
    MOZAIKS_SIGNUPS_PER_HOUR: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0).max(1_000_000).default(20),
    /** `false` turns off the per-user plugin rate limits, for load tests and benchmarks. */
    MOZAIKS_PLUGIN_RATE_LIMITS: flag(true),
    /** `true` serves POST /api/bench/{answer}, the bare route handler `npm run bench` compares the Director with. */
    MOZAIKS_BENCH_BASELINE: flag(false),
    /** `true` checks every endpoint's answer against its declared output schema (a mismatch is a 500 and a log line); the test servers set it. */
    MOZAIKS_CHECK_OUTPUTS: flag(false),
    /** `false` leaves every endpoint to Next's router on the custom server too, so benchmarks can compare both paths. */
    MOZAIKS_DIRECT_ROUTES: flag(true),
    /** `true` runs every plugin in the sandbox, not only those whose manifest says `"sandbox": true`. */
    MOZAIKS_SANDBOX_ALL: flag(false),
    /** Memory one sandbox process may use (its JavaScript heap, and its whole resident memory on Linux), in MiB. */
    MOZAIKS_SANDBOX_MEMORY_MB: z.coerce.number({ message: 'must be a number of MiB' }).int('must be a whole number of MiB').min(32, 'must be at least 32 MiB').max(8192).default(128),
    /** Sandbox processes per plugin, each running one call at a time; further calls wait for one. */
    MOZAIKS_SANDBOX_PROCESSES: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1).max(64).default(4),
    /** How many of a plugin's sandbox processes one user's calls may hold at once (default: half, rounded up); more wait their turn. */
    MOZAIKS_SANDBOX_PROCESSES_PER_USER: optionalString.pipe(z.coerce.number<string>({ message: 'must be a whole number' }).int('must be a whole number').min(1).max(64).optional()),
    /** How long a plugin call may run before the caller gets 504 PLUGIN_TIMEOUT (the original's name and default). */
    MOZAIKS_PLUGIN_TIMEOUT_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).positive('must be more than 0').max(3600).default(30),
    /** An OpenAI (or OpenAI-compatible) API key for the AI runtime. Unset with OPENAI_BASE_URL unset: the built-in local model. */
    OPENAI_API_KEY: optionalString,
    /** Any OpenAI-compatible endpoint (a gateway, vLLM, Ollama, LM Studio…), e.g. http://localhost:11434/v1. */
    OPENAI_BASE_URL: optionalString.pipe(z.string().url('must be a URL such as https://api.openai.com/v1').optional()),
    /** The model agents use unless their workflow names one (the original's DEFAULT_LLM_MODEL is read too). */
    MOZAIKS_AI_MODEL: optionalString,
    DEFAULT_LLM_MODEL: optionalString,
    /** Milliseconds between the built-in local model's chunks, to watch streaming in development (0: as fast as possible). */
    MOZAIKS_AI_LOCAL_DELAY_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(0).max(5_000).default(0),
    /** Tokens the whole app may spend on AI runs per calendar month (UTC); -1 unlimited. Past it, runs are refused. */
    MOZAIKS_AI_TOKEN_BUDGET: z.coerce.number({ message: 'must be a whole number of tokens' }).int().min(-1).default(-1),
    /** Tokens one user may spend per calendar month; -1 unlimited. */
    MOZAIKS_AI_USER_TOKEN_BUDGET: z.coerce.number({ message: 'must be a whole number of tokens' }).int().min(-1).default(-1),
    /** How long a run's claim on its chat outlives the instance holding it: past it, the chat counts as interrupted and another instance may run it. */
    MOZAIKS_AI_RUN_LEASE_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(2).max(600).default(30),
    /** Redis for several instances acting as one: Socket.IO adapter, event bus, rate limits. Unset: one instance. */
    REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\/\S+$/, 'must be a Redis URL (redis://… or rediss://…)').optional()),
    /** SMTP server for email notifications, e.g. smtps://user:pass@smtp.example.com:465. Unset: no email channel. */
    SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\/\S+$/, 'must be an SMTP URL (smtp://… or smtps://…)').optional()),
    /** Sender of notification emails. */
    EMAIL_FROM_ADDRESS: z.string().trim().email('must be an email address').default('noreply@localhost'),
    EMAIL_FROM_NAME: optionalString,
    /** Twilio-compatible SMS API: account SID and auth token (HTTP basic auth), and a sender number or messaging service. */
    SMS_ACCOUNT_SID: optionalString,
    SMS_AUTH_TOKEN: optionalString,
    SMS_FROM_NUMBER: optionalString,
    SMS_MESSAGING_SERVICE_SID: optionalString,
    /** Base URL of the SMS API (Twilio's by default; any service speaking the same API works). */
    SMS_API_BASE_URL: z.string().trim().url('must be a URL').default('https://api.twilio.com'),
    /** Web push (VAPID) keys, from `npx web-push generate-vapid-keys`, and a contact email for push services. */
    PUSH_VAPID_PUBLIC_KEY: optionalString,
    PUSH_VAPID_PRIVATE_KEY: optionalString,
    PUSH_VAPID_CLAIMS_EMAIL: optionalString,
    /**
     * The hosts a push subscription's endpoint may be on (each also matches its subdomains). The
     * server posts to that endpoint on every notification, so an arbitrary one would let any user
     * make it call any address (an internal service included).
     */
    PUSH_SERVICE_HOSTS: z
      .string()
      .default('fcm.googleapis.com,updates.push.services.mozilla.com,push.services.mozilla.com,notify.windows.com,push.apple.com')
      .transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean)),
    /** Hour (UTC, 0-23) the daily digest is sent. */
    NOTIFICATION_DIGEST_DAILY_HOUR: z.coerce.number({ message: 'must be an hour from 0 to 23' }).int().min(0).max(23).default(9),
    /** Day the weekly digest is sent: 0 = Monday … 6 = Sunday. */
    NOTIFICATION_DIGEST_WEEKLY_DAY: z.coerce.number({ message: 'must be a day from 0 (Monday) to 6 (Sunday)' }).int().min(0).max(6).default(0),
    /** How often the scheduler looks for due notifications and digests. */
    MOZAIKS_SCHEDULER_INTERVAL_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100).max(3_600_000).default(15_000),
    /** The app's public URL, as Auth.js reads it (AUTH_URL, or NEXTAUTH_URL); https turns on Strict-Transport-Security. */
    AUTH_URL: optionalString.pipe(z.string().regex(/^https?:\/\/\S+$/, 'must be the public URL, such as https://app.example.com').optional()),
    NEXTAUTH_URL: optionalString.pipe(z.string().regex(/^https?:\/\/\S+$/, 'must be the public URL, such as https://app.example.com').optional()),
    /** Extra origins pages may connect to (fetch, WebSocket), added to the Content-Security-Policy's connect-src. */
    MOZAIKS_CSP_CONNECT_SRC: cspSources,
    /** Extra origins pages may load images from, added to the Content-Security-Policy's img-src. */
    MOZAIKS_CSP_IMG_SRC: cspSources,
    /** Validated here so a typo is reported at start-up; the logger reads it directly, before env loads. */
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  })
  .superRefine((env, ctx) => {
    const keycloak = [env.KEYCLOAK_ISSUER, env.KEYCLOAK_CLIENT_ID, env.KEYCLOAK_CLIENT_SECRET];
    if (keycloak.some(Boolean) && !keycloak.every(Boolean)) {
      for (const [name, value] of [
        ['KEYCLOAK_ISSUER', env.KEYCLOAK_ISSUER],
        ['KEYCLOAK_CLIENT_ID', env.KEYCLOAK_CLIENT_ID],
        ['KEYCLOAK_CLIENT_SECRET', env.KEYCLOAK_CLIENT_SECRET],
      ] as const) {
        if (!value) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when any KEYCLOAK_* variable is set' });
      }
    }
    const sms = [env.SMS_ACCOUNT_SID, env.SMS_AUTH_TOKEN, env.SMS_FROM_NUMBER ?? env.SMS_MESSAGING_SERVICE_SID];
    if (sms.some(Boolean) && !sms.every(Boolean)) {
      if (!env.SMS_ACCOUNT_SID) ctx.addIssue({ code: 'custom', path: ['SMS_ACCOUNT_SID'], message: 'is required when any SMS_* variable is set' });
      if (!env.SMS_AUTH_TOKEN) ctx.addIssue({ code: 'custom', path: ['SMS_AUTH_TOKEN'], message: 'is required when any SMS_* variable is set' });
      if (!env.SMS_FROM_NUMBER && !env.SMS_MESSAGING_SERVICE_SID) {
        ctx.addIssue({ code: 'custom', path: ['SMS_FROM_NUMBER'], message: 'SMS_FROM_NUMBER or SMS_MESSAGING_SERVICE_SID is required when any SMS_* variable is set' });
      }
    }
    const push = [env.PUSH_VAPID_PUBLIC_KEY, env.PUSH_VAPID_PRIVATE_KEY, env.PUSH_VAPID_CLAIMS_EMAIL];
    if (push.some(Boolean) && !push.every(Boolean)) {
      for (const [name, value] of [
        ['PUSH_VAPID_PUBLIC_KEY', env.PUSH_VAPID_PUBLIC_KEY],
        ['PUSH_VAPID_PRIVATE_KEY', env.PUSH_VAPID_PRIVATE_KEY],
        ['PUSH_VAPID_CLAIMS_EMAIL', env.PUSH_VAPID_CLAIMS_EMAIL],
      ] as const) {
        if (!value) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when any PUSH_VAPID_* variable is set' });
      }
    }
    if (env.ENV !== 'production') return;
    // Outside production a managed app without a gateway falls back to self-hosted connectors (with a warning); in
    // production that half-configured state would silently drop every platform call, so it stops start-up (as the original's settings did).
    if ((env.MOZAIKS_MANAGED || env.MOZAIKS_HOSTING_MODE === 'hosted') && !env.MOZAIKS_GATEWAY_BASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['MOZAIKS_GATEWAY_BASE_URL'], message: 'is required when ENV=production and MOZAIKS_MANAGED=1 or MOZAIKS_HOSTING_MODE=hosted' });
    }
    if (!env.AUTH_ENABLED) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_ENABLED'], message: 'cannot be false when ENV=production' });
    }
    if (!env.MOZAIKS_APP_ID) {
      ctx.addIssue({ code: 'custom', path: ['MOZAIKS_APP_ID'], message: 'is required when ENV=production' });
    }
    if (!env.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required when ENV=production; generate one with `openssl rand -base64 48`',
      });
    } else {
      const weakness = describeWeakSecret(env.JWT_SECRET);
      if (weakness) ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: weakness });
    }
  });

export type RawEnv = z.output<typeof envSchema>;
