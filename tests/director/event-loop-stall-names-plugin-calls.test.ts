/**
 * A trusted plugin's synchronous work stalls the whole server, and nothing used to say so: /health
 * went quiet for 34 s with no trace of why. The event-loop monitor (started with the server) logs a
 * stall over a second, naming the plugin calls that ran during it — the one that ended in it (the
 * culprit here) and those still in flight.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { action, definePlugin, type PluginModule } from '@/lib/plugins/sdk';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { startEventLoopMonitor } from '@/lib/runtime/event-loop';
import { logger } from '@/lib/runtime/logger';

const plugin: PluginModule = {
  default: definePlugin({
    actions: {
      busy: action({
        input: z.object({ ms: z.number() }),
        handler: ({ ms }) => {
          const until = performance.now() + ms;
          while (performance.now() < until);
          return { done: true };
        },
      }),
      wait: action({ input: z.object({ ms: z.number() }), handler: ({ ms }) => new Promise((resolve) => setTimeout(() => resolve({ waited: true }), ms)) }),
    },
  }),
};

let tester: PluginTester | undefined;
let stopMonitor: (() => void) | undefined;
afterEach(async () => {
  stopMonitor?.();
  vi.restoreAllMocks();
  await tester?.close();
  tester = undefined;
});

/** The fields of the first stall logged, once there is one; rejects after `boundMs` (a bound to fail by, not a speed). */
async function stallLogged(warned: { mock: { calls: unknown[][] } }, boundMs = 10_000): Promise<Record<string, unknown>> {
  const until = performance.now() + boundMs;
  for (;;) {
    const call = warned.mock.calls.find(([message]) => String(message).startsWith('event loop stalled'));
    if (call) return call[1] as Record<string, unknown>;
    if (performance.now() > until) throw new Error(`no stall logged within ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the event-loop monitor', () => {
  it('logs a stall over a second, naming the plugin call that held the loop and the calls in flight', async () => {
    const warned = vi.spyOn(logger, 'warn').mockImplementation(() => {});
    tester = await createPluginTester({ manifest: { name: 'cpu_hog', version: '1.0.0', display_name: 'CPU hog' }, module: plugin, env: { MOZAIKS_PLUGIN_TIMEOUT_SECONDS: '10' } });
    stopMonitor = startEventLoopMonitor();
    const waiting = tester.as({ user_id: 'bystander' }).call('wait', { ms: 2_500 });
    expect((await tester.call('busy', { ms: 1_500 })).status).toBe(200);

    const stall = await stallLogged(warned);
    expect(stall.stalled_ms).toBeGreaterThanOrEqual(1_000);
    expect(stall.ended_during_stall).toEqual([expect.objectContaining({ plugin: 'cpu_hog', action: 'busy', user_id: 'test_user', running_ms: expect.any(Number) })]);
    expect((stall.ended_during_stall as { running_ms: number }[])[0]!.running_ms).toBeGreaterThanOrEqual(1_500);
    expect(stall.in_flight).toEqual([expect.objectContaining({ plugin: 'cpu_hog', action: 'wait', user_id: 'bystander' })]);
    expect((await waiting).status).toBe(200);
  });
});
