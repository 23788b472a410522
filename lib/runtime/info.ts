import { getConfigs } from '@/lib/config';
import { getEnv } from '@/lib/env';
import { isRealtimeAvailable } from './lifecycle';
import { RUNTIME_VERSION } from './version';

/** What the runtime reports about itself, on /health, /info and the dashboard. */
export interface RuntimeInfo {
  appId: string;
  appTier: string;
  appName: string;
  env: string;
  runtimeVersion: string;
  /** Plugins in the registry; there is no plugin runtime yet, so none are loaded. */
  pluginsLoaded: number;
  database: 'embedded' | 'mongodb';
  realtime: boolean;
  monetization: boolean;
}

export function getRuntimeInfo(): RuntimeInfo {
  const env = getEnv();
  return {
    appId: env.appId,
    appTier: env.appTier,
    appName: getConfigs().theme.branding.app_name,
    env: env.env,
    runtimeVersion: RUNTIME_VERSION,
    pluginsLoaded: 0,
    database: env.databaseUri ? 'mongodb' : 'embedded',
    realtime: isRealtimeAvailable(),
    monetization: env.monetization,
  };
}
