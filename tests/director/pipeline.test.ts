/**
 * The Director pipeline with purpose-built plugins: deadlines that do not hold up other calls, thrown
 * errors without internals, the original execute(data) contract, result mapping, gates and the rate
 * limit, and client-forged fields being overwritten.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { eventsSettled, subscribe } from '@/lib/events';
import { action, definePlugin, type PluginModule } from '@/lib/plugins/sdk';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import { logger } from '@/lib/runtime/logger';

const manifest = (name: string, extra: Record<string, unknown> = {}) => ({ name, version: '1.0.0', display_name: name, ...extra });

/** Why each `slow` call's signal aborted, in order. */
const slowAborts: string[] = [];

const probe: PluginModule = {
  default: definePlugin({
    actions: {
      echo: action({ input: z.object({ text: z.string() }), handler: ({ text }, ctx) => ({ text, user_id: ctx.user_id, app_id: ctx.app_id }) }),
      slow: action({
        input: z.object({ ms: z.number() }),
        handler: ({ ms }, ctx) =>
          new Promise((resolve) => {
            const timer = setTimeout(() => resolve({ done: true }), ms);
            ctx.signal.addEventListener('abort', () => {
              clearTimeout(timer);
              slowAborts.push((ctx.signal.reason as Error).message);
            });
          }),
      }),
      crash: action({
        input: z.object({}),
        handler: () => {
          throw new Error('secret connection string mongodb://admin:hunter2@db');
        },
      }),
      fail: action({ input: z.object({ code: z.string().optional() }), handler: ({ code }) => ({ error: 'It did not work', ...(code ? { error_code: code } : {}) }) }),
      announce: action({
        input: z.object({ event: z.string() }),
        handler: ({ event }, ctx) => {
          ctx.events.publish(event, { by: ctx.user_id });
          return { published: true };
        },
      }),
    },
  }),
};

/** The original contract: one execute(data) that reads data.action itself. */
const legacy: PluginModule = {
  execute: async (data) => {
    if (data.action === 'whoami') return { user_id: data.user_id, app_id: data.app_id, context: data._context, jwt: data.user_jwt, ent: data._entitlements };
    return { error: `Unknown action ${String(data.action)}`, error_code: 'VALIDATION_ERROR' };
  },
};

let tester: PluginTester | undefined;
afterEach(async () => {
  await tester?.close();
  tester = undefined;
});

describe('Director pipeline', () => {
  it('injects the server-side identity over anything the client sent', async () => {
    tester = await createPluginTester({ manifest: manifest('probe'), module: legacy, user: { user_id: 'u_real', username: 'real', roles: ['user'] } });
    const { status, body } = await tester.call('whoami', {
      user_id: 'admin',
      app_id: 'other_app',
      _context: { is_superadmin: true, roles: ['superadmin'] },
      user_jwt: 'forged',
      _entitlements: { enforce: false },
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      user_id: 'u_real',
      app_id: 'test_app',
      context: { app_id: 'test_app', user_id: 'u_real', username: 'real', roles: ['user'], is_superadmin: false },
      jwt: null,
      ent: {},
    });
  });

  it('runs the original execute(data) contract, mapping its error results', async () => {
    tester = await createPluginTester({ manifest: manifest('legacy'), module: legacy });
    expect(await tester.call('nope')).toMatchObject({ status: 422, body: { detail: 'Unknown action nope', error_code: 'VALIDATION_ERROR' } });
  });

  it('maps error results to 4xx by error_code', async () => {
    tester = await createPluginTester({ manifest: manifest('probe'), module: probe });
    const cases: [string | undefined, number][] = [
      ['NOT_FOUND', 404],
      ['VALIDATION_ERROR', 422],
      ['FORBIDDEN', 403],
      ['FEATURE_GATED', 403],
      ['LIMIT_EXCEEDED', 429],
      ['ROLES_MANAGED_EXTERNALLY', 409],
      // A refusal is never a server error: a 5xx code answers 400.
      ['PLATFORM_UNAVAILABLE', 400],
      [undefined, 400],
    ];
    for (const [code, status] of cases) {
      const result = await tester.call('fail', code ? { code } : {});
      expect(result.status, String(code)).toBe(status);
      expect(result.body).toEqual({ detail: 'It did not work', error_code: code ?? 'BAD_REQUEST' });
    }
  });

  it("answers a code of the plugin's own as PLUGIN_REFUSED 400, keeping the plugin's code and logging it", async () => {
    const warned = vi.spyOn(logger, 'warn').mockImplementation(() => {});
    tester = await createPluginTester({ manifest: manifest('probe'), module: probe });
    const result = await tester.call('fail', { code: 'TASK_ALREADY_DONE' });
    expect(result).toMatchObject({ status: 400, body: { detail: 'It did not work', error_code: 'PLUGIN_REFUSED', plugin_error_code: 'TASK_ALREADY_DONE' } });
    expect(warned).toHaveBeenCalledWith(expect.stringContaining('outside the set'), { plugin: 'probe', error_code: 'TASK_ALREADY_DONE' });
    warned.mockRestore();
  });

  it('runs an execute(data) that answers or throws without a promise', async () => {
    const quiet = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const sync: PluginModule = {
      execute: (data) => {
        if (data.action === 'boom') throw new Error('sync failure');
        return { answered: data.action };
      },
    };
    tester = await createPluginTester({ manifest: manifest('sync'), module: sync });
    expect(await tester.call('hello')).toMatchObject({ status: 200, body: { answered: 'hello' } });
    expect(await tester.call('boom')).toMatchObject({ status: 500, body: { error_code: 'PLUGIN_ERROR' } });
    quiet.mockRestore();
  });

  it('gives a plugin only the capabilities its manifest grants, and each call its own signal', async () => {
    const refusal = async (attempt: () => unknown) => {
      try {
        await attempt();
        return 'allowed';
      } catch (error) {
        return (error as { errorCode?: string }).errorCode ?? String(error);
      }
    };
    const held: AbortSignal[] = [];
    const narrow: PluginModule = {
      default: definePlugin({
        actions: {
          probe: action({
            input: z.object({}),
            handler: async (_input, ctx) => ({
              db: await refusal(() => ctx.db.personal('things').insertOne({ n: 1 })),
              settings: await refusal(() => ctx.settings.get()),
              events: await refusal(() => ctx.events.publish('poked', {})),
              notifications: await refusal(() => ctx.notifications.create({ user_id: ctx.user_id, notification_type: 'x', title: 't', message: 'm' })),
              realtime: await refusal(() => ctx.realtime.sendToUser(ctx.user_id, { type: 'x' })),
              http: await refusal(() => ctx.http.fetch('https://example.com/')),
              connectors: await refusal(() => ctx.connectors.payment.subscriptionStatus({ scope: 'app' })),
              connectorsMode: await refusal(() => ctx.connectors.mode),
            }),
          }),
          hold: action({
            input: z.object({}),
            handler: (_input, ctx) => {
              held.push(ctx.signal);
              return { aborted: ctx.signal.aborted };
            },
          }),
        },
      }),
    };
    tester = await createPluginTester({ manifest: manifest('narrow', { capabilities: ['db'] }), module: narrow });
    const { body } = await tester.call('probe');
    expect(body).toEqual({
      db: 'allowed',
      settings: 'allowed',
      events: 'PLUGIN_PERMISSION_DENIED',
      notifications: 'PLUGIN_PERMISSION_DENIED',
      realtime: 'PLUGIN_PERMISSION_DENIED',
      http: 'PLUGIN_PERMISSION_DENIED',
      connectors: 'PLUGIN_PERMISSION_DENIED',
      connectorsMode: 'PLUGIN_PERMISSION_DENIED',
    });
    // The same caller's calls share what is bound to them, never the call's own signal: a finished call's is aborted, the next one's is not.
    expect((await tester.call('hold')).body).toEqual({ aborted: false });
    expect((await tester.call('hold')).body).toEqual({ aborted: false });
    expect(held[0]).not.toBe(held[1]);
    expect(held.map((signal) => signal.aborted)).toEqual([true, true]);
  });

  it('validates action input (422) and names unknown actions (400)', async () => {
    tester = await createPluginTester({ manifest: manifest('probe'), module: probe });
    const invalid = await tester.call('echo', { text: 42 });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors[0].path).toBe('$.text');
    const unknown = await tester.call('launch');
    expect(unknown).toMatchObject({ status: 400, body: { error_code: 'UNKNOWN_ACTION', actions: ['echo', 'slow', 'crash', 'fail', 'announce'] } });
  });

  it('turns a thrown error into 500 PLUGIN_ERROR without its message in production', async () => {
    tester = await createPluginTester({ manifest: manifest('probe'), module: probe, env: { ENV: 'production', MOZAIKS_APP_ID: 'prod', JWT_SECRET: 'Prod-Secret-0123456789-ABCDEFGHIJKLmnop' } });
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const { status, body } = await tester.call('crash');
    expect(logged).toHaveBeenCalledWith('plugin failed', expect.objectContaining({ plugin: 'probe' }));
    logged.mockRestore();
    expect(status).toBe(500);
    expect(body).toEqual({ detail: "Error executing plugin 'probe'", error_code: 'PLUGIN_ERROR' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('publishes plugin_executed for every answer and plugin_execution_error for a crash or a timeout', async () => {
    tester = await createPluginTester({ manifest: manifest('probe'), module: probe, env: { MOZAIKS_PLUGIN_TIMEOUT_SECONDS: '0.3' } });
    const executed: unknown[] = [];
    const failed: unknown[] = [];
    const stop = [
      subscribe('plugin_executed', (data) => void executed.push(data), { id: 'pipeline-test-executed' }),
      subscribe('plugin_execution_error', (data) => void failed.push(data), { id: 'pipeline-test-failed' }),
    ];
    const quiet = vi.spyOn(logger, 'error').mockImplementation(() => {});
    try {
      await tester.call('echo', { text: 'hi' });
      await tester.call('fail', { code: 'NOT_FOUND' });
      await tester.call('crash');
      await tester.call('slow', { ms: 5_000 });
      await eventsSettled();
      expect(executed).toEqual([
        expect.objectContaining({ app_id: 'test_app', plugin: 'probe', user: 'test_user', action: 'echo', execution_time: expect.any(Number) }),
        expect.objectContaining({ action: 'fail' }),
      ]);
      expect(failed).toEqual([
        expect.objectContaining({ plugin: 'probe', action: 'crash', error_code: 'PLUGIN_ERROR' }),
        expect.objectContaining({ plugin: 'probe', action: 'slow', error_code: 'PLUGIN_TIMEOUT' }),
      ]);
    } finally {
      quiet.mockRestore();
      for (const unsubscribe of stop) unsubscribe();
    }
  });

  it("lets a plugin publish its own events, and only its own", async () => {
    tester = await createPluginTester({ manifest: manifest('probe'), module: probe });
    const heard: unknown[] = [];
    const stop = subscribe('probe:thing_happened', (data, event) => void heard.push({ data, user: event.user_id }), { id: 'pipeline-test-plugin-event' });
    const quiet = vi.spyOn(logger, 'error').mockImplementation(() => {});
    try {
      expect((await tester.call('announce', { event: 'thing_happened' })).body).toEqual({ published: true });
      expect((await tester.call('announce', { event: 'probe:thing_happened' })).status).toBe(200);
      expect((await tester.call('announce', { event: 'billing:paid' })).status).toBe(500);
      await eventsSettled();
      expect(heard).toEqual([
        { data: { by: 'test_user' }, user: 'test_user' },
        { data: { by: 'test_user' }, user: 'test_user' },
      ]);
    } finally {
      quiet.mockRestore();
      stop();
    }
  });

  it('answers 504 at the deadline while other calls keep answering', async () => {
    tester = await createPluginTester({ manifest: manifest('probe'), module: probe, env: { MOZAIKS_PLUGIN_TIMEOUT_SECONDS: '0.5' } });
    const started = Date.now();
    const slow = tester.call('slow', { ms: 5_000 });
    const quick = await tester.call('echo', { text: 'still here' });
    expect(quick.body.text).toBe('still here');
    expect(Date.now() - started).toBeLessThan(400);
    const timedOut = await slow;
    expect(timedOut).toMatchObject({ status: 504, body: { error_code: 'PLUGIN_TIMEOUT', detail: 'Plugin execution timed out after 0.5 seconds' } });
    expect(Date.now() - started).toBeLessThan(1_500);
    // The plugin's signal aborted at the deadline, so the work it left running stopped.
    expect(slowAborts.at(-1)).toBe('deadline');
  });

  it('refuses users without a required role (superadmins pass)', async () => {
    tester = await createPluginTester({ manifest: manifest('probe', { required_roles: ['developer'] }), module: probe });
    expect((await tester.call('echo', { text: 'x' })).status).toBe(403);
    expect((await tester.as({ roles: ['developer'] }).call('echo', { text: 'x' })).status).toBe(200);
    expect((await tester.as({ roles: [], is_superadmin: true }).call('echo', { text: 'x' })).status).toBe(200);
  });

  it('rate-limits each user separately, with Retry-After', async () => {
    // Its own name: rate windows are per user and plugin, and other cases here call 'probe'.
    tester = await createPluginTester({ manifest: manifest('limited', { rate_limit: { requests_per_minute: 3 } }), module: probe });
    for (let call = 0; call < 3; call += 1) expect((await tester.call('echo', { text: 'x' })).status).toBe(200);
    const limited = await tester.call('echo', { text: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.body.error_code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await tester.as({ user_id: 'someone_else' }).call('echo', { text: 'x' })).status).toBe(200);
  });

  it('with MONETIZATION=1, refuses plugins the plan does not unlock', async () => {
    tester = await createPluginTester({ manifest: manifest('probe'), module: probe, env: { MONETIZATION: '1' } });
    const gated = await tester.call('echo', { text: 'x' });
    expect(gated).toMatchObject({ status: 403, body: { error_code: 'FEATURE_GATED', detail: "Access denied: Subscription does not allow 'probe'." } });
  });
});
