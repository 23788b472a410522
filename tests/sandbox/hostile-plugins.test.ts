/**
 * A plugin written to break out of its sandbox: every attempt fails with the documented error, while
 * calls running beside it (in the sandbox's other processes, and in the server itself) keep succeeding.
 */
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database } from '@/lib/db';
import { createPluginTester, type PluginTester } from '@/lib/plugins/testing';
import manifest from './fixtures/hostile/plugin.json';

const source = path.join(import.meta.dirname, 'fixtures', 'hostile', 'logic.ts');
let hostile: PluginTester;
let listener: Server;
let listenerPort = 0;
let connections = 0;

beforeAll(async () => {
  hostile = await createPluginTester({
    manifest,
    source,
    env: { MOZAIKS_PLUGIN_RATE_LIMITS: 'false', MOZAIKS_PLUGIN_TIMEOUT_SECONDS: '3', MOZAIKS_SANDBOX_MEMORY_MB: '64', MOZAIKS_SANDBOX_PROCESSES: '3', JWT_SECRET: 'the-server-secret-that-must-not-leak-0123456789' },
  });
  // A port that is open on this machine: reaching it would prove the network was not closed.
  listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerPort = (listener.address() as { port: number }).port;
}, 60_000);

afterAll(async () => {
  await hostile?.close();
  listener?.close();
});

/**
 * Runs `attack` while a stream of well-behaved calls goes to the same plugin (other sandbox
 * processes) and the event loop keeps ticking; returns the attack's answer and the stream's.
 */
async function whileOthersWork(attack: () => Promise<{ status: number; body: { error_code?: string; detail?: string } }>) {
  let stop = false;
  const answers: number[] = [];
  let longestTickGapMs = 0;
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestTickGapMs = Math.max(longestTickGapMs, now - lastTick);
    lastTick = now;
  }, 10);
  const stream = (async () => {
    while (!stop) {
      const { status, body } = await hostile.call('echo', { text: 'still here' });
      answers.push(status === 200 && body.text === 'still here' ? 200 : status);
      // A call answered from caches alone never leaves the microtask queue: let timers and I/O in.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  try {
    return { answer: await attack(), others: answers, longestTickGapMs };
  } finally {
    stop = true;
    await stream;
    clearInterval(ticker);
  }
}

function expectOthersServed(others: number[], longestTickGapMs: number) {
  expect(others.length).toBeGreaterThan(0);
  expect(others.every((status) => status === 200)).toBe(true);
  // The server's own event loop never stalled on the plugin's account.
  expect(longestTickGapMs).toBeLessThan(1_000);
}

describe('a hostile sandboxed plugin', () => {
  it('answers ordinary calls from its sandbox', async () => {
    const { status, body } = await hostile.call('echo', { text: 'hi' });
    expect(status).toBe(200);
    expect(body).toEqual({ text: 'hi', user_id: 'test_user' });
  });

  it('sees no environment: the server secret is out of reach', async () => {
    const { answer, others, longestTickGapMs } = await whileOthersWork(() => hostile.call('env'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ secret: null, keys: [] });
    expect(JSON.stringify(answer.body)).not.toContain('the-server-secret');
    expectOthersServed(others, longestTickGapMs);
  });

  it.each(['/etc/passwd', path.join(process.cwd(), '.env'), path.join(process.cwd(), '.env.example'), path.join(process.cwd(), 'package.json')])('cannot read %s', async (file) => {
    const { answer, others, longestTickGapMs } = await whileOthersWork(() => hostile.call('read_file', { path: file }));
    expect(answer.status).toBe(403);
    expect(answer.body.error_code).toBe('PLUGIN_PERMISSION_DENIED');
    expect(answer.body.detail).toMatch(/FileSystemRead|not allowed/);
    expectOthersServed(others, longestTickGapMs);
  });

  it('cannot start a process', async () => {
    const { answer, others, longestTickGapMs } = await whileOthersWork(() => hostile.call('spawn'));
    expect(answer.status).toBe(403);
    expect(answer.body.error_code).toBe('PLUGIN_PERMISSION_DENIED');
    expectOthersServed(others, longestTickGapMs);
  });

  it.each([
    ['a raw socket', () => hostile.call('connect', { port: listenerPort })],
    ['fetch', () => hostile.call('fetch', { url: `http://127.0.0.1:${listenerPort}/` })],
    ['a name lookup', () => hostile.call('lookup')],
  ])('cannot reach the network through %s', async (_what, attack) => {
    const { answer, others, longestTickGapMs } = await whileOthersWork(attack);
    expect(answer.status).toBe(403);
    expect(answer.body.error_code).toBe('PLUGIN_PERMISSION_DENIED');
    expect(answer.body.detail).toMatch(/not allowed in the plugin sandbox/);
    expect(connections).toBe(0);
    expectOthersServed(others, longestTickGapMs);
  });

  it('cannot reach a host its manifest does not list through ctx.http either', async () => {
    const { answer } = await whileOthersWork(() => hostile.call('ctx_fetch', { url: `http://127.0.0.1:${listenerPort}/` }));
    expect(answer.status).toBe(403);
    expect(answer.body.error_code).toBe('PLUGIN_PERMISSION_DENIED');
    expect(answer.body.detail).toContain('http_hosts');
    expect(connections).toBe(0);
  });

  it('cannot use a capability it did not declare', async () => {
    const { status, body } = await hostile.call('notify');
    expect(status).toBe(403);
    expect(body.error_code).toBe('PLUGIN_PERMISSION_DENIED');
    expect(body.detail).toContain('ctx.notifications');
  });

  it("sees only its own app's data through the proxied database", async () => {
    await database({ appId: 'other_app' }).forPlugin('hostile').collection('items').insertOne({ secret: 'other app' });
    await database({ appId: 'test_app' }).forPlugin('hostile').collection('items').insertOne({ mine: true });
    const { answer, others, longestTickGapMs } = await whileOthersWork(() => hostile.call('other_app'));
    expect(answer.status).toBe(200);
    const body = answer.body as unknown as { items: unknown[]; all: { mine?: boolean; app_id: string }[] };
    expect(body.items).toEqual([]);
    expect(body.all).toHaveLength(1);
    expect(body.all[0]).toMatchObject({ mine: true, app_id: 'test_app' });
    expectOthersServed(others, longestTickGapMs);
  });

  it('is stopped at the deadline when it loops forever, and its next call finds a fresh sandbox', async () => {
    const started = performance.now();
    const { answer, others, longestTickGapMs } = await whileOthersWork(() => hostile.call('loop'));
    expect(answer.status).toBe(504);
    expect(answer.body.error_code).toBe('PLUGIN_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(6_000);
    expectOthersServed(others, longestTickGapMs);
    expect((await hostile.call('echo', { text: 'after' })).status).toBe(200);
  }, 20_000);

  it.each(['allocate', 'buffers'])('is stopped when it %s memory without bound', async (attack) => {
    const { answer, others, longestTickGapMs } = await whileOthersWork(() => hostile.call(attack));
    expect(answer.status).toBe(500);
    expect(answer.body.error_code).toBe('PLUGIN_MEMORY_LIMIT');
    expectOthersServed(others, longestTickGapMs);
    expect((await hostile.call('echo', { text: 'after' })).status).toBe(200);
  }, 30_000);

  it('crashes only itself with process.exit()', async () => {
    const { answer, others, longestTickGapMs } = await whileOthersWork(() => hostile.call('exit'));
    expect(answer.status).toBe(500);
    expect(answer.body.error_code).toBe('PLUGIN_CRASHED');
    expectOthersServed(others, longestTickGapMs);
    expect((await hostile.call('echo', { text: 'after' })).status).toBe(200);
  });
});
