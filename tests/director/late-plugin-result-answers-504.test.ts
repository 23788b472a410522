/**
 * A trusted plugin that holds the event loop (a synchronous loop) keeps the deadline's timer from
 * running, and used to be answered 200 once it returned, long past its deadline. Its answer is a 504
 * PLUGIN_TIMEOUT now, logged with the plugin's name, whether the loop ran before its first await or
 * after one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { action, definePlugin, type PluginModule } from '@/lib/plugins/sdk';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { logger } from '@/lib/runtime/logger';

/** Holds the thread for `ms` milliseconds, as a CPU-bound plugin does. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const busy: PluginModule = {
  default: definePlugin({
    actions: {
      busy: action({ input: z.object({ ms: z.number() }), handler: ({ ms }) => (spin(ms), { done: true }) }),
      busy_after_await: action({
        input: z.object({ ms: z.number() }),
        handler: async ({ ms }) => {
          await Promise.resolve();
          spin(ms);
          return { done: true };
        },
      }),
    },
  }),
};

let tester: PluginTester | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await tester?.close();
  tester = undefined;
});

describe('a plugin that answers after its deadline', () => {
  it.each(['busy', 'busy_after_await'])('%s: is answered 504 PLUGIN_TIMEOUT and logged by name', async (name) => {
    const warned = vi.spyOn(logger, 'warn').mockImplementation(() => {});
    tester = await createPluginTester({ manifest: { name: 'cpu_hog', version: '1.0.0', display_name: 'CPU hog' }, module: busy, env: { MOZAIKS_PLUGIN_TIMEOUT_SECONDS: '0.2' } });
    const answer = await tester.call(name, { ms: 600 });
    expect(answer).toMatchObject({ status: 504, body: { error_code: 'PLUGIN_TIMEOUT', detail: 'Plugin execution timed out after 0.2 seconds' } });
    expect(warned).toHaveBeenCalledWith(expect.stringContaining('plugin answered after its deadline'), expect.objectContaining({ plugin: 'cpu_hog', action: name, user_id: 'test_user', timeout_seconds: 0.2 }));
  });

  it('is answered as before when it ends in time', async () => {
    tester = await createPluginTester({ manifest: { name: 'cpu_hog', version: '1.0.0', display_name: 'CPU hog' }, module: busy, env: { MOZAIKS_PLUGIN_TIMEOUT_SECONDS: '30' } });
    expect(await tester.call('busy', { ms: 1 })).toMatchObject({ status: 200, body: { done: true } });
    expect(await tester.call('busy_after_await', { ms: 1 })).toMatchObject({ status: 200, body: { done: true } });
  });
});
