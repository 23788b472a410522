import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { aiCapabilitiesSchema } from './schemas/ai-capabilities';
import { navigationConfigSchema } from './schemas/navigation';
import { notificationTemplatesSchema } from './schemas/notification-templates';
import { notificationsConfigSchema } from './schemas/notifications';
import { settingsConfigSchema } from './schemas/settings';
import { subscriptionConfigSchema } from './schemas/subscription';
import { themeConfigSchema } from './schemas/theme';

// Config paths come from MOZAIKS_CONFIGS_PATH at run time; `turbopackIgnore` stops the build from
// tracing (and shipping) the whole project because of them.

/**
 * Every config file the runtime reads from MOZAIKS_CONFIGS_PATH. All are optional: a missing file
 * means the defaults written into its schema (documented in docs/configuration.md).
 */
export const CONFIG_FILES = {
  navigation: { file: 'navigation_config.json', schema: navigationConfigSchema },
  theme: { file: 'theme_config.json', schema: themeConfigSchema },
  settings: { file: 'settings_config.json', schema: settingsConfigSchema },
  notifications: { file: 'notifications_config.json', schema: notificationsConfigSchema },
  notificationTemplates: { file: 'notification_templates.json', schema: notificationTemplatesSchema },
  subscription: { file: 'subscription_config.json', schema: subscriptionConfigSchema },
  aiCapabilities: { file: 'ai_capabilities.json', schema: aiCapabilitiesSchema },
} as const;

export type ConfigKey = keyof typeof CONFIG_FILES;
export type AppConfigs = { [K in ConfigKey]: z.output<(typeof CONFIG_FILES)[K]['schema']> };

export const CONFIG_KEYS = Object.keys(CONFIG_FILES) as ConfigKey[];

export interface ConfigProblem {
  /** The file, relative to the working directory when inside it. */
  file: string;
  /** JSON path of the offending value, such as `$.available_themes[0].colors.accent`; `$` for the whole file. */
  path: string;
  message: string;
}

export interface ConfigFileReport {
  key: ConfigKey;
  file: string;
  status: 'loaded' | 'missing' | 'invalid';
  problems: ConfigProblem[];
}

/** Thrown when one or more config files are invalid; each problem names file, JSON path and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.file} ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A path as a person wants to read it: relative to the working directory when inside it, else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** `['a', 0, 'b-c']` → `$.a[0]["b-c"]` */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    const name = String(segment);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${out}.${name}` : `${out}[${JSON.stringify(name)}]`;
  }, '$');
}

/**
 * Turns JSON.parse's "at position N" into a line and column a person can jump to, in one wording on every Node line
 * (Node 22 and later add their own "(line L column C)" after the position).
 */
function describeJsonSyntaxError(text: string, error: SyntaxError): string {
  if (text.trim() === '') return 'the file is empty; write a JSON object such as {} or delete the file to use the defaults';
  const position = /position (\d+)/.exec(error.message);
  if (!position) return `not valid JSON: ${error.message}`;
  const before = text.slice(0, Number(position[1])).split('\n');
  const column = (before.at(-1)?.length ?? 0) + 1;
  const reason = error.message.replace(/ in JSON at position \d+.*$/, '');
  return `not valid JSON at line ${before.length}, column ${column}: ${reason}`;
}

type FileResult<K extends ConfigKey> = { report: ConfigFileReport; value?: AppConfigs[K] };

/** Reads and validates one config file. Never throws for bad content: problems go in the report. */
export function readConfigFile<K extends ConfigKey>(dir: string, key: K): FileResult<K> {
  const { file: name, schema } = CONFIG_FILES[key];
  const absolute = path.join(/* turbopackIgnore: true */ dir, name);
  const file = displayPath(absolute);
  const problem = (message: string, at = '$'): FileResult<K> => ({
    report: { key, file, status: 'invalid', problems: [{ file, path: at, message }] },
  });

  let text: string;
  try {
    text = readFileSync(/* turbopackIgnore: true */ absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { report: { key, file, status: 'missing', problems: [] }, value: schema.parse({}) as AppConfigs[K] };
    }
    return problem(`cannot be read (${code ?? String(error)})`);
  }

  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return problem(describeJsonSyntaxError(text, error as SyntaxError));
  }

  const result = schema.safeParse(json);
  if (!result.success) {
    return {
      report: {
        key,
        file,
        status: 'invalid',
        problems: result.error.issues.map((issue) => ({ file, path: formatJsonPath(issue.path), message: issue.message })),
      },
    };
  }
  return { report: { key, file, status: 'loaded', problems: [] }, value: result.data as AppConfigs[K] };
}

/** Reads every config file, collecting all problems rather than stopping at the first. */
export function inspectConfigs(dir: string): { reports: ConfigFileReport[]; configs?: AppConfigs } {
  if (!existsSync(/* turbopackIgnore: true */ dir) || !statSync(/* turbopackIgnore: true */ dir).isDirectory()) {
    const file = displayPath(dir);
    return {
      reports: [
        {
          key: 'navigation',
          file,
          status: 'invalid',
          problems: [{ file, path: '$', message: 'the config folder does not exist (check MOZAIKS_CONFIGS_PATH)' }],
        },
      ],
    };
  }
  const results = CONFIG_KEYS.map((key) => [key, readConfigFile(dir, key)] as const);
  const reports = results.map(([, result]) => result.report);
  if (reports.some((report) => report.status === 'invalid')) return { reports };
  const configs = Object.fromEntries(results.map(([key, result]) => [key, result.value])) as AppConfigs;
  return { reports, configs };
}

/** Loads every config file, or throws `ConfigError` listing each problem. */
export function loadConfigs(dir: string): AppConfigs {
  const { reports, configs } = inspectConfigs(dir);
  if (!configs) throw new ConfigError(reports.flatMap((report) => report.problems));
  return configs;
}

/** A cheap fingerprint of the config files, so development can reload them when one changes. */
export function configFingerprint(dir: string): string {
  return CONFIG_KEYS.map((key) => {
    try {
      const stat = statSync(/* turbopackIgnore: true */ path.join(/* turbopackIgnore: true */ dir, CONFIG_FILES[key].file));
      return `${stat.mtimeMs}:${stat.size}`;
    } catch (error) {
      // Any change in readability changes the fingerprint; reading the file then reports the real problem.
      return (error as NodeJS.ErrnoException).code ?? 'unreadable';
    }
  }).join('|');
}
