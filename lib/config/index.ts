import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/runtime/global';
import { configFingerprint, loadConfigs, type AppConfigs } from './loader';

export {
  CONFIG_FILES,
  CONFIG_KEYS,
  ConfigError,
  displayPath,
  formatJsonPath,
  inspectConfigs,
  loadConfigs,
  type AppConfigs,
  type ConfigFileReport,
  type ConfigKey,
  type ConfigProblem,
} from './loader';
export type { NavigationConfig, NavigationItem, PluginNavigationItem } from './schemas/navigation';
export type { Theme, ThemeConfig } from './schemas/theme';
export { THEME_COLOR_ROLES } from './schemas/theme';
export type { SettingsConfig, SettingsField, SettingsSection } from './schemas/settings';
export type { NotificationsConfig } from './schemas/notifications';
export type { NotificationTemplates } from './schemas/notification-templates';
export type { SubscriptionConfig, SubscriptionPlan } from './schemas/subscription';
export type { AiCapabilitiesConfig, AiCapability } from './schemas/ai-capabilities';

const cache = processSingleton('configs', () => ({
  dir: '',
  fingerprint: '',
  value: undefined as AppConfigs | undefined,
}));

/**
 * The app's configs. A production build reads them once, at start-up, so a change on disk takes effect
 * on restart; `npm run dev` re-reads them whenever a file changes, so edits show on the next request.
 * Throws `ConfigError` when a file is invalid.
 */
export function getConfigs(): AppConfigs {
  const dir = getEnv().configsPath;
  if (cache.value && cache.dir === dir && process.env.NODE_ENV === 'production') {
    return cache.value;
  }
  const fingerprint = configFingerprint(dir);
  if (!cache.value || cache.dir !== dir || cache.fingerprint !== fingerprint) {
    cache.value = loadConfigs(dir);
    cache.dir = dir;
    cache.fingerprint = fingerprint;
  }
  return cache.value;
}
