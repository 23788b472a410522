import { getConfigs } from '@/lib/config';
import { getEnv } from '@/lib/env';
import { getCatalog } from '@/lib/plugins/catalog';
import { isRealtimeAvailable } from './lifecycle';
import { RUNTIME_VERSION } from './version';

/** What the runtime reports about itself, on /health, /info and the dashboard. */
export interface RuntimeInfo {
  appId: string;
  appTier: string;
  appName: string;
  env: string;
  runtimeVersion: string;
  /** Plugins in this build's registry. */
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
    pluginsLoaded: getCatalog().size,
    database: env.databaseUri ? 'mongodb' : 'embedded',
    realtime: isRealtimeAvailable(),
    monetization: env.monetization,
  };
}
