/**
 * A scheduled notification that falls due while the server is down is delivered once it is back,
 * exactly once (the production build, the embedded store, a real restart).
 */
import { describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { makeTempDir } from '../support/config-dir';
import { startServer } from '../support/server';

const until = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('scheduled notifications across a restart', () => {
  it('delivers a notification that fell due during the restart exactly once', async () => {
    const env = {
      MOZAIKS_APP_ID: 'restart_app',
      MOZAIKS_DATA_DIR: makeTempDir('mozaiks-restart-'),
      JWT_SECRET: 'restart-test-secret-restart-test-secret',
      MOZAIKS_SCHEDULER_INTERVAL_MS: '200',
    };
    const first = await startServer({ env });
    const admin = await registerAccount(first.url);
    const user = await registerAccount(first.url);
    const dueAt = Date.now() + 2_000;
    const scheduled = await fetch(`${first.url}/__mozaiks/admin/notifications/schedule`, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: user.user_id, title: 'Wake up', message: 'It is time', scheduled_for: new Date(dueAt).toISOString() }),
    });
    expect(scheduled.status).toBe(200);
    expect(await first.stop()).toBe(0);

    // Down while it falls due.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt - Date.now()) + 500));
    const second = await startServer({ env, port: first.port });
    try {
      const inbox = async () => (await (await fetch(`${second.url}/api/notifications`, { headers: user.headers })).json()) as { notifications: { title: string }[] };
      await until(async () => ((await inbox()).notifications.length ? true : undefined), 15_000);
      // Several more scheduler ticks: none may send it again.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await inbox()).notifications.map((notification) => notification.title)).toEqual(['Wake up']);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
