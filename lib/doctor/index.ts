import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILES, displayPath, inspectConfigs, type AppConfigs } from '@/lib/config';
import { connectorMode } from '@/lib/connectors/mode';
import { EMBEDDED_STORE_WARN_BYTES, embeddedStoreBytes } from '@/lib/db/embedded/size';
import { embeddedStoreRefusal } from '@/lib/db/placement';
import { EnvError, parseEnv, type RuntimeEnv } from '@/lib/env';
import { contrastRatio } from '@/lib/theme/color';
import { isKnownIcon } from '@/lib/ui/icons';

export type CheckLevel = 'ok' | 'info' | 'warn' | 'error';

export interface DoctorCheck {
  level: CheckLevel;
  /** What was checked: a variable, a file, or a file and JSON path. */
  subject: string;
  message: string;
}

export interface DoctorReport {
  env: DoctorCheck[];
  configs: DoctorCheck[];
  warnings: DoctorCheck[];
  errorCount: number;
}

/** Which mode the platform connectors will run in, and why (docs/connectors.md). */
function connectorCheck(env: RuntimeEnv): DoctorCheck {
  const mode = connectorMode(env.connectors);
  const subject = 'Platform connectors';
  if (mode.mode === 'managed') return { level: 'ok', subject, message: `managed, through the gateway at ${mode.gateway.baseUrl}` };
  if (mode.mode === 'mock') {
    const why = mode.why === 'requested' ? 'MOZAIKS_CONNECTORS=mock' : 'development default; MOZAIKS_CONNECTORS=off turns it off';
    const sample = `mock: hosting, discovery, social, community, growth and funding answer labelled sample data (${why}); identity and billing from this app`;
    if (mode.managedWithoutGateway) return { level: 'warn', subject, message: `managed mode is asked for but MOZAIKS_GATEWAY_BASE_URL is not set: ${sample}` };
    return { level: 'ok', subject, message: sample };
  }
  if (mode.why === 'no_gateway') {
    return { level: 'warn', subject, message: 'managed mode is asked for but MOZAIKS_GATEWAY_BASE_URL is not set: they run self-hosted' };
  }
  return { level: 'ok', subject, message: 'self-hosted (identity and billing from this app; other platform services not available, their pages hidden)' };
}

/** Whose forwarded headers count; unset is right only when clients reach this server directly. */
function trustProxyCheck(env: RuntimeEnv): DoctorCheck {
  const trust = env.trustProxy;
  if (trust.kind === 'none') {
    return { level: 'info', subject: 'TRUST_PROXY', message: 'not set: X-Forwarded-For is ignored and each socket is a client; behind a proxy, set it (docs/operations.md, "Security")' };
  }
  const message = trust.kind === 'all' ? 'every hop is believed' : trust.kind === 'hops' ? `${trust.hops} proxy hop(s) believed` : 'the listed proxies are believed';
  return { level: 'ok', subject: 'TRUST_PROXY', message };
}

function firstUserAdminCheck(env: RuntimeEnv): DoctorCheck {
  if (!env.auth.firstUserAdmin) return { level: 'ok', subject: 'MOZAIKS_FIRST_USER_ADMIN', message: 'off: create the first administrator with `npm run admin:create`' };
  return env.isProduction
    ? { level: 'warn', subject: 'MOZAIKS_FIRST_USER_ADMIN', message: 'on in production: whoever signs up first becomes superadmin' }
    : { level: 'ok', subject: 'MOZAIKS_FIRST_USER_ADMIN', message: 'the first account to sign up becomes superadmin' };
}

/**
 * Where the data will live, and whether it can live there: start-up refuses the embedded store on a
 * serverless host (an error here) and under plain `next start` in production unless allowed (a
 * warning: `npm start` on the same machine keeps it).
 */
function databaseCheck(env: RuntimeEnv): DoctorCheck {
  const subject = 'DATABASE_URI';
  if (env.databaseUri) return { level: 'ok', subject, message: 'MongoDB' };
  const embedded = `not set; using the embedded store in ${displayPath(env.dataDir)}`;
  const everywhere = embeddedStoreRefusal(env, 'custom');
  if (everywhere) return { level: 'error', subject, message: everywhere };
  if (env.storage.embeddedStoreAllowed) return { level: 'info', subject, message: `${embedded} (MOZAIKS_EMBEDDED_STORE=allow: keep one instance, on a persistent disk)` };
  // The doctor runs before the build it checks: ENV=production says a deployment is meant.
  const nextStart = embeddedStoreRefusal({ ...env, storage: { ...env.storage, productionBuild: env.storage.productionBuild || env.isProduction } }, 'next');
  if (nextStart) return { level: 'warn', subject, message: `${embedded}; \`npm start\` keeps it, but ${nextStart.charAt(0).toLowerCase()}${nextStart.slice(1)}` };
  return { level: 'info', subject, message: embedded };
}

/** Whether periodic work (scheduled notifications, digests) has a trigger that outlives instances. */
function cronCheck(env: RuntimeEnv): DoctorCheck {
  const subject = 'CRON_SECRET';
  if (env.cronSecret) return { level: 'ok', subject, message: 'set: a scheduler may call /api/internal/cron (vercel.json schedules it on Vercel)' };
  if (env.storage.serverlessHost) {
    return { level: 'warn', subject, message: `not set on ${env.storage.serverlessHost}: scheduled notifications and digests go out only while an instance happens to be up; set it and schedule /api/internal/cron (docs/operations.md, "Periodic work")` };
  }
  return { level: 'info', subject, message: 'not set: periodic work runs on each instance’s timer only (/api/internal/cron refuses)' };
}

function checkEnv(source: Record<string, string | undefined>, cwd: string): { checks: DoctorCheck[]; env?: RuntimeEnv } {
  let parsed;
  try {
    parsed = parseEnv(source, cwd);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return { checks: error.problems.map((p) => ({ level: 'error', subject: p.variable, message: p.message })) };
  }
  const { jwtSecret, ...env } = parsed;
  const secretFile = path.join(env.dataDir, 'jwt-secret');
  const checks: DoctorCheck[] = [
    { level: 'ok', subject: 'ENV', message: env.env },
    { level: 'ok', subject: 'PORT', message: String(env.port) },
    {
      level: source.MOZAIKS_APP_ID ? 'ok' : 'info',
      subject: 'MOZAIKS_APP_ID',
      message: source.MOZAIKS_APP_ID ? env.appId : `not set; using "${env.appId}"`,
    },
    databaseCheck(env),
    cronCheck(env),
    {
      level: jwtSecret ? 'ok' : 'info',
      subject: 'JWT_SECRET',
      message: jwtSecret
        ? 'set'
        : existsSync(secretFile)
          ? `not set; using the generated secret in ${displayPath(secretFile)}`
          : `not set; one is generated on first start and kept in ${displayPath(secretFile)}`,
    },
    { level: 'ok', subject: 'MONETIZATION', message: env.monetization ? 'on' : 'off' },
    trustProxyCheck(env),
    firstUserAdminCheck(env),
    { level: 'ok', subject: 'MOZAIKS_CONFIGS_PATH', message: displayPath(env.configsPath) },
    connectorCheck(env),
  ];
  return { checks, env };
}

/** WCAG AA for body text. */
const MIN_TEXT_CONTRAST = 4.5;

/** Things that load fine but that a person would want to know about. */
function findWarnings(configs: AppConfigs, configsPath: string): DoctorCheck[] {
  const warnings: DoctorCheck[] = [];
  const file = (key: keyof typeof CONFIG_FILES) => displayPath(path.join(configsPath, CONFIG_FILES[key].file));
  const icon = (subject: string, name: string | undefined) => {
    if (name && !isKnownIcon(name)) {
      warnings.push({ level: 'warn', subject, message: `"${name}" is not a Lucide icon (lucide.dev/icons); a square is shown instead` });
    }
  };
  configs.navigation.default.forEach((item, i) => icon(`${file('navigation')} $.default[${i}].icon`, item.icon));
  configs.navigation.plugins.forEach((item, i) => icon(`${file('navigation')} $.plugins[${i}].icon`, item.icon));
  configs.settings.profile_sections.forEach((section, i) => icon(`${file('settings')} $.profile_sections[${i}].icon`, section.icon));
  configs.notifications.categories.forEach((category, i) => icon(`${file('notifications')} $.categories[${i}].icon`, category.icon));
  configs.aiCapabilities.capabilities.forEach((capability, i) => icon(`${file('aiCapabilities')} $.capabilities[${i}].icon`, capability.icon));

  configs.theme.available_themes.forEach((theme, i) => {
    const { text_primary: text, background } = theme.colors;
    const ratio = text && background ? contrastRatio(text, background) : undefined;
    if (ratio !== undefined && ratio < MIN_TEXT_CONTRAST) {
      warnings.push({
        level: 'warn',
        subject: `${file('theme')} $.available_themes[${i}].colors`,
        message: `text_primary on background has a contrast of ${ratio.toFixed(2)}:1; at least ${MIN_TEXT_CONTRAST}:1 keeps text readable`,
      });
    }
  });
  return warnings;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The embedded store past the size where it stops being the right database (docs/data.md). */
function databaseWarnings(env: RuntimeEnv | undefined): DoctorCheck[] {
  if (!env || env.databaseUri) return [];
  const dir = path.join(env.dataDir, 'db');
  const bytes = embeddedStoreBytes(dir);
  if (bytes <= EMBEDDED_STORE_WARN_BYTES) return [];
  return [
    {
      level: 'warn',
      subject: displayPath(dir),
      message: `the embedded store holds ${megabytes(bytes)}, past ${megabytes(EMBEDDED_STORE_WARN_BYTES)}: it keeps everything in memory and scans it on the event loop; move to MongoDB (set DATABASE_URI, see docs/data.md)`,
    },
  ];
}

/** Checks the environment and every config file, as start-up would, and explains each finding. */
export function runDoctor(source: Record<string, string | undefined> = process.env, cwd = process.cwd()): DoctorReport {
  const { checks: envChecks, env } = checkEnv(source, cwd);
  const configsPath = env?.configsPath ?? path.resolve(cwd, source.MOZAIKS_CONFIGS_PATH || 'config');
  const { reports, configs } = inspectConfigs(configsPath);
  const configChecks: DoctorCheck[] = reports.flatMap((report): DoctorCheck[] => {
    if (report.status === 'loaded') return [{ level: 'ok', subject: report.file, message: 'valid' }];
    if (report.status === 'missing') return [{ level: 'info', subject: report.file, message: 'not present; using the documented defaults' }];
    return report.problems.map((problem) => ({ level: 'error', subject: `${problem.file} ${problem.path}`, message: problem.message }));
  });
  const warnings = [...databaseWarnings(env), ...(configs ? findWarnings(configs, configsPath) : [])];
  const errorCount = [...envChecks, ...configChecks].filter((check) => check.level === 'error').length;
  return { env: envChecks, configs: configChecks, warnings, errorCount };
}

const SYMBOLS: Record<CheckLevel, string> = { ok: '✔', info: '•', warn: '⚠', error: '✖' };

/** The report as the terminal shows it. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = ['Mozaiks doctor', ''];
  const section = (title: string, checks: DoctorCheck[]) => {
    if (checks.length === 0) return;
    lines.push(title);
    for (const check of checks) lines.push(`  ${SYMBOLS[check.level]} ${check.subject}: ${check.message}`);
    lines.push('');
  };
  section('Environment', report.env);
  section('Configuration', report.configs);
  section('Warnings', report.warnings);
  lines.push(
    report.errorCount === 0
      ? `All good${report.warnings.length ? ` (${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'})` : ''}: the app will start.`
      : `${report.errorCount} error${report.errorCount === 1 ? '' : 's'}: the app will not start until ${report.errorCount === 1 ? 'it is' : 'they are'} fixed.`,
  );
  return lines.join('\n');
}
