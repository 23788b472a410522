/**
 * Testing a plugin in a few lines, against the real pipeline and a throw-away embedded store:
 *
 *   const notes = await createPluginTester({ manifest, module: logic });
 *   const { body } = await notes.call('create', { title: 'Hello' });
 *   expect(body.item.title).toBe('Hello');
 *   await notes.close();
 *
 * Calls go through the Director exactly as `POST /api/execute/{plugin}` does (injection, gates, rate
 * limit, deadline, result mapping) and answer `{ status, body }` as the HTTP route would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Identity } from '@/lib/auth/identity';
import { closeDatabase, database, setStoreForTests } from '@/lib/db';
import { ensureDeclaredIndexes } from '@/lib/db/declare';
import { EmbeddedStore } from '@/lib/db/embedded';
import '@/lib/runtime/collections';
import { executePlugin } from '@/lib/director';
import { resetEnvForTests } from '@/lib/env';
import { eventsSettled } from '@/lib/events';
import { errorAnswer } from '@/lib/http/respond';
import { listNotifications, MAX_PAGE_SIZE, notificationsSettled, type NotificationView } from '@/lib/notifications';
import { savePluginSettings } from '@/lib/settings/plugin-settings';
import { closeSandboxes } from './sandbox';
import { loadPlugins } from './registry';
import type { PluginModule } from './sdk';

export interface PluginTester {
  /** Calls an action as the current user; `status` and `body` are what the HTTP route would answer. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the plugin returns
  call(action: string, input?: Record<string, unknown>): Promise<{ status: number; body: any; headers: Headers }>;
  /** The same plugin, called by another user of the same app. */
  as(user: Partial<Identity>): PluginTester;
  /** The plugin's collections, for arranging data or checking what a call stored. */
  db: ReturnType<typeof database>;
  /** Saves the current user's settings for this plugin, as its settings panel would (validated against the manifest). */
  saveSettings(values: Record<string, unknown>): Promise<void>;
  /** The current user's in-app notifications, newest first (what `ctx.notifications.create` stored). */
  notifications(): Promise<NotificationView[]>;
  /** The current user's notifications scheduled for later and still pending (`ctx.notifications.schedule`). */
  scheduledNotifications(): Promise<{ type: string; title: string; message: string; scheduled_for: Date; key: string | null }[]>;
  close(): Promise<void>;
}

export async function createPluginTester(options: {
  manifest: unknown;
  /** The logic module; may be left out for a plugin that runs sandboxed (`source` is what runs then). */
  module?: PluginModule;
  /** The plugin's logic.ts: a sandboxed plugin (manifest `sandbox`, or MOZAIKS_SANDBOX_ALL) runs a bundle of it in its own process. */
  source?: string;
  user?: Partial<Identity>;
  env?: Record<string, string>;
}): Promise<PluginTester> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mozaiks-plugin-test-'));
  const overrides: Record<string, string> = { MOZAIKS_DATA_DIR: dir, ...options.env };
  const previous = Object.fromEntries(Object.keys(overrides).map((key) => [key, process.env[key]]));
  Object.assign(process.env, overrides);
  resetEnvForTests();
  const restoreEnv = () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvForTests();
  };
  const store = new EmbeddedStore(path.join(dir, 'db'));
  setStoreForTests(store);
  // The core collections' indexes, unique ones included, as a running server has them.
  await ensureDeclaredIndexes(store);
  const plugin = [...loadPlugins([{ manifest: options.manifest, module: options.module ?? null, source: options.source }]).values()][0]!;

  const tester = (user: Partial<Identity>): PluginTester => {
    const identity: Identity = {
      app_id: 'test_app',
      user_id: 'test_user',
      username: 'tester',
      email: 'tester@example.com',
      roles: ['user'],
      is_superadmin: false,
      user_jwt: null,
      auth_method: 'local',
      ...user,
    };
    return {
      async call(action, input = {}) {
        try {
          const body = await executePlugin({ plugin, pluginName: plugin.name, identity, body: { action, ...input } });
          return { status: 200, body, headers: new Headers() };
        } catch (error) {
          const answer = errorAnswer(error, { method: 'POST', path: `/api/execute/${plugin.name}` });
          return { status: answer.status, body: JSON.parse(answer.body), headers: new Headers(answer.headers) };
        }
      },
      as: (other) => tester({ ...identity, ...other }),
      db: database({ appId: identity.app_id }).forPlugin(plugin.name),
      saveSettings: async (values) => {
        await savePluginSettings(identity, plugin, values);
      },
      notifications: async () =>
        (await listNotifications({ appId: identity.app_id, userId: identity.user_id, unreadOnly: false, limit: MAX_PAGE_SIZE, offset: 0 })).notifications,
      scheduledNotifications: async () =>
        (
          await database({ appId: identity.app_id })
            .collection('scheduled_notifications')
            .find({ user_id: identity.user_id, status: 'pending' }, { sort: { scheduled_for: 1 } })
        ).map((job) => ({
          type: String(job.type),
          title: String(job.title),
          message: String(job.message),
          scheduled_for: job.scheduled_for as Date,
          key: (job.key as string | null) ?? null,
        })),
      close: async () => {
        // Deliveries and subscribers still running would otherwise write to a closed store.
        await Promise.all([notificationsSettled(), eventsSettled()]);
        await closeSandboxes();
        await closeDatabase();
        restoreEnv();
      },
    };
  };
  return tester(options.user ?? {});
}
