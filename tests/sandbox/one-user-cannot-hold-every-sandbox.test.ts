/**
 * One user's endless loops used to take every sandbox process of a plugin, so another user's call
 * to it waited until their deadlines (12.3 s). Each user now holds at most their share of a plugin's
 * processes (half, by default); their further calls wait for one of their own to end, and other
 * users always find a process. Real sandbox processes, as in ./hostile-plugins.test.ts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { logger } from '@/lib/runtime/logger';
import manifest from './fixtures/hostile/plugin.json';

const source = path.join(import.meta.dirname, 'fixtures', 'hostile', 'logic.ts');
let hostile: PluginTester;

beforeAll(async () => {
  // A deadline far beyond what the other user's call needs: waiting for it would show.
  hostile = await createPluginTester({ manifest, source, env: { MOZAIKS_PLUGIN_RATE_LIMITS: 'false', MOZAIKS_PLUGIN_TIMEOUT_SECONDS: '20', MOZAIKS_SANDBOX_PROCESSES: '4' } });
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await hostile?.close();
});

/** Resolves once `count()` reaches `target`; rejects after `boundMs` (a bound to fail by, not a speed). */
async function until(count: () => number, target: number, boundMs = 15_000): Promise<void> {
  const giveUpAt = performance.now() + boundMs;
  while (count() < target) {
    if (performance.now() > giveUpAt) throw new Error(`only ${count()} of ${target} within ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('sandbox processes shared between users', () => {
  it("runs a user's calls beyond their share in turn, as their own calls end", async () => {
    const busy = hostile.as({ user_id: 'busy' });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, index) => busy.call('echo', { text: `call ${index}` })));
    expect(answers.map(({ status, body }) => [status, body.text])).toEqual(Array.from({ length: 6 }, (_, index) => [200, `call ${index}`]));
  }, 60_000);

  it("serves another user at once while one user's six calls loop forever", async () => {
    const greedy = hostile.as({ user_id: 'greedy' });
    expect((await greedy.call('echo', { text: 'warm-up' })).status).toBe(200);
    const info = vi.spyOn(logger, 'info');
    const hogging = () => info.mock.calls.filter(([message, fields]) => message === 'hogging a sandbox process' && fields?.user_id === 'greedy').length;
    let greedyAnswered = 0;
    const hogs = Array.from({ length: 6 }, () => greedy.call('hog').finally(() => (greedyAnswered += 1)));

    await until(hogging, 2); // the greedy user's share: half of the four processes
    const answer = await hostile.as({ user_id: 'patient' }).call('echo', { text: 'my turn' });
    expect(answer).toMatchObject({ status: 200, body: { text: 'my turn', user_id: 'patient' } });
    // It did not wait for any of the greedy calls to end, and those held only their share.
    expect(greedyAnswered).toBe(0);
    expect(hogging()).toBe(2);
    // The loops end with the sandboxes (afterAll), the four calls still waiting for their turn with them.
    void Promise.allSettled(hogs);
  }, 60_000);
});
