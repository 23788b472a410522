/**
 * AI chats on two instances behind a round-robin balancer, without sticky sessions (issue #20): a
 * run waiting for approval on A is not broken by reads on B, which show its question; the approval
 * given through B reaches the run on A (and only its user's approval); the next run, started through B, numbers its events after
 * A's, with no gap and no duplicate, as both instances read them; a stop through B stops the run on
 * A; and a chat whose instance died mid-run is shown interrupted once its lease has lapsed.
 *
 * TaskAssistant on the built-in local model: deleting a task waits for the user's approval.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_EVENT, type AnyChatEvent, type ChatAck, type ChatMeta } from '@/lib/ai/protocol';
import { registerAccount } from '../support/accounts';
import { ferretDbBinary, startFerretDb, type RunningFerretDb } from '../support/ferretdb';
import { jsonClient } from '../support/http';
import { redisBinary, startRedis, type RunningRedis } from '../support/redis';
import { startServer, type RunningServer } from '../support/server';

const APP = 'ai_multi';
/** Short, so a dead holder's chat is interrupted within the test; live runs renew every third of it. */
const LEASE_SECONDS = 3;

const redisBin = redisBinary();
const ferretBin = ferretDbBinary();
if (process.env.CI && (!redisBin || !ferretBin)) {
  throw new Error('CI runs the multi-instance suite: install redis-server and build FerretDB (.ci/run does both)');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ofType = (events: AnyChatEvent[], type: AnyChatEvent['type']) => events.filter((event) => event.type === type);
const completions = (events: AnyChatEvent[]) => ofType(events, 'chat.run_complete').length;
const isAsking = (events: AnyChatEvent[]) => ofType(events, 'chat.input_request').length > ofType(events, 'chat.input_ack').length;

describe.skipIf(!redisBin || !ferretBin)('AI chats across instances, without sticky sessions', () => {
  let redis: RunningRedis;
  let ferret: RunningFerretDb;
  let a: RunningServer;
  let b: RunningServer;
  let alice: Awaited<ReturnType<typeof registerAccount>>;
  const onA = jsonClient(() => a.url);
  const onB = jsonClient(() => b.url);

  beforeAll(async () => {
    [redis, ferret] = await Promise.all([startRedis(redisBin!), startFerretDb(ferretBin!)]);
    const env = {
      MOZAIKS_APP_ID: APP,
      DATABASE_URI: ferret.uri(`ai_multi_${Date.now()}`),
      REDIS_URL: redis.url,
      JWT_SECRET: 'ai-multi-instance-secret-ai-multi-instance',
      MOZAIKS_AI_RUN_LEASE_SECONDS: String(LEASE_SECONDS),
      OPENAI_API_KEY: undefined,
      OPENAI_BASE_URL: undefined,
    };
    [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    alice = await registerAccount(a.url);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([redis?.stop(), ferret?.stop()]);
  });

  const events = async (call: typeof onA, chatId: string): Promise<AnyChatEvent[]> => {
    const { status, body } = await call(`/api/chats/events/${APP}/${chatId}?after_sequence=-1`, alice.headers);
    expect(status).toBe(200);
    return body.events;
  };
  const meta = async (call: typeof onA, chatId: string): Promise<ChatMeta> => (await call(`/api/chats/meta/${APP}/TaskAssistant/${chatId}`, alice.headers)).body;
  const send = (call: typeof onA, chatId: string, message: string) => call(`/chat/${APP}/${chatId}/${alice.user_id}/input`, alice.headers, { message });

  /** Polls `call`'s events of the chat until `done` holds. */
  async function until(call: typeof onA, chatId: string, done: (events: AnyChatEvent[]) => boolean, what: string): Promise<AnyChatEvent[]> {
    for (const started = Date.now(); Date.now() - started < 20_000; await sleep(50)) {
      const seen = await events(call, chatId);
      if (done(seen)) return seen;
    }
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify((await events(call, chatId)).map((event) => event.type))}`);
  }

  /** Waits until the chat's `count`th run has ended and its state is stored. */
  async function settled(call: typeof onA, chatId: string, count: number, what: string): Promise<AnyChatEvent[]> {
    for (const started = Date.now(); Date.now() - started < 20_000; await sleep(50)) {
      const seen = await events(call, chatId);
      if (completions(seen) >= count && !['running', 'waiting_input'].includes((await meta(call, chatId)).state)) return seen;
    }
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify((await events(call, chatId)).map((event) => event.type))}`);
  }

  /** A chat on A whose run waits on A for approval to delete a task; returns its id and the request. */
  async function chatWaitingOnA(title: string): Promise<{ chatId: string; inputRequestId: string }> {
    const started = await onA(`/api/chats/${APP}/TaskAssistant/start`, alice.headers, { force_new: true });
    expect(started.status).toBe(200);
    const chatId = started.body.chat_id as string;
    expect((await send(onA, chatId, `add a task ${title}`)).status).toBe(200);
    await settled(onA, chatId, 1, 'the task to be added');
    expect((await send(onA, chatId, `delete the task ${title}`)).status).toBe(200);
    const seen = await until(onA, chatId, isAsking, 'the approval request');
    const request = ofType(seen, 'chat.input_request').at(-1)!;
    return { chatId, inputRequestId: (request.data as { input_request_id: string }).input_request_id };
  }

  const taskTitles = async () => ((await onB('/api/execute/task_manager', alice.headers, { action: 'list', status: 'all' })).body.items as { title: string }[]).map((task) => task.title);

  it('reads on B leave a run waiting on A alone; an approval through B reaches it; the next run on B numbers after it', async () => {
    const { chatId, inputRequestId } = await chatWaitingOnA('Water the plants');
    // Longer than a lease: the run on A renews its claim while it waits.
    await sleep(LEASE_SECONDS * 1000 + 500);
    expect(await meta(onB, chatId)).toMatchObject({ state: 'waiting_input', pending_inputs: [{ input_request_id: inputRequestId, kind: 'approval' }] });
    const seenOnB = await events(onB, chatId);
    expect(ofType(seenOnB, 'chat.error')).toEqual([]);
    expect(isAsking(seenOnB)).toBe(true);

    // A socket on B, joined with what B had cached: its replay is caught up, then A's events reach it live.
    const socket: Socket = io(b.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token: alice.access_token } });
    const live: AnyChatEvent[] = [];
    socket.on(CHAT_EVENT, (event: AnyChatEvent) => live.push(event));
    try {
      const joined = await new Promise<ChatAck<{ meta: ChatMeta }>>((resolve) => socket.emit('chat.join', { chat_id: chatId, last_sequence: 0 }, resolve));
      expect(joined).toMatchObject({ ok: true, meta: { state: 'waiting_input' } });

      // Only Alice may answer: another user's approval through B is refused, as on one instance.
      const mallory = await registerAccount(b.url);
      expect((await onB('/api/user-input/submit', mallory.headers, { input_request_id: inputRequestId, decision: 'approve' })).status).toBe(404);
      expect(await taskTitles()).toContain('Water the plants');
      const approved = await onB('/api/user-input/submit', alice.headers, { input_request_id: inputRequestId, decision: 'approve' });
      expect(approved.status).toBe(200);
      const afterApproval = await settled(onB, chatId, 2, 'the approved run to complete');
      expect(ofType(afterApproval, 'chat.tool_response').at(-1)!.data).toMatchObject({ tool_name: 'delete_task', status: 'ok' });
      expect(await taskTitles()).not.toContain('Water the plants');
      for (const started = Date.now(); completions(live) < 2 && Date.now() - started < 5_000; ) await sleep(20);
      expect(live.map((event) => event.seq)).toEqual(afterApproval.map((event) => event.seq));
    } finally {
      socket.disconnect();
    }

    expect((await send(onB, chatId, 'add a task Feed the cat')).status).toBe(200);
    await settled(onB, chatId, 3, 'the run started through B to complete');
    expect(await taskTitles()).toContain('Feed the cat');
    const [fromA, fromB] = await Promise.all([events(onA, chatId), events(onB, chatId)]);
    expect(fromB.map((event) => event.seq)).toEqual(fromB.map((_, index) => index + 1));
    expect(fromA).toEqual(fromB);
    expect(await meta(onA, chatId)).toMatchObject({ state: 'idle', pending_inputs: [], last_sequence: fromB.length });
  });

  it('a plain message through B does not approve: CHAT_BUSY while the run on A waits on a decision', async () => {
    const { chatId } = await chatWaitingOnA('Keep this');
    const answered = await send(onB, chatId, 'approve');
    expect(answered.status).toBe(409);
    expect(answered.body.error_code).toBe('CHAT_BUSY');
    expect(await meta(onA, chatId)).toMatchObject({ state: 'waiting_input' });
    expect((await onB(`/api/chats/${APP}/TaskAssistant/${chatId}/stop`, alice.headers, {})).body).toEqual({ status: 'stopped' });
  });

  it('a stop through B stops the run waiting on A, and the chat goes on', async () => {
    const { chatId } = await chatWaitingOnA('Stay');
    const stopped = await onB(`/api/chats/${APP}/TaskAssistant/${chatId}/stop`, alice.headers, {});
    expect(stopped).toMatchObject({ status: 200, body: { status: 'stopped' } });
    expect(await meta(onA, chatId)).toMatchObject({ state: 'idle', pending_inputs: [] });
    const seen = await events(onA, chatId);
    expect(ofType(seen, 'chat.run_complete').at(-1)!.data).toMatchObject({ reason: 'cancelled' });
    expect(ofType(seen, 'chat.input_ack').at(-1)!.data).toMatchObject({ status: 'cancelled' });
    expect(await taskTitles()).toContain('Stay');
    // A late answer to the cancelled request is refused, as on one instance.
    const late = await onB('/api/user-input/submit', alice.headers, { input_request_id: (ofType(seen, 'chat.input_request').at(-1)!.data as { input_request_id: string }).input_request_id, decision: 'approve' });
    expect(late.status).toBe(404);
  });

  it('a chat whose instance died mid-run is shown interrupted on B once its lease lapses, and goes on there', async () => {
    const { chatId } = await chatWaitingOnA('Doomed');
    await a.stop('SIGKILL');
    // Within the lease B cannot tell a dead holder from a slow one.
    expect(await meta(onB, chatId)).toMatchObject({ state: 'waiting_input' });
    await sleep(LEASE_SECONDS * 1000 + 500);
    expect(await meta(onB, chatId)).toMatchObject({ state: 'idle', pending_inputs: [] });
    const seen = await events(onB, chatId);
    expect(ofType(seen, 'chat.error').at(-1)!.data).toMatchObject({ error_code: 'RUN_INTERRUPTED' });
    expect(ofType(seen, 'chat.input_ack').at(-1)!.data).toMatchObject({ status: 'cancelled' });
    expect((await send(onB, chatId, 'add a task Again')).status).toBe(200);
    const after = await settled(onB, chatId, 3, 'the next run on B');
    expect(after.map((event) => event.seq)).toEqual(after.map((_, index) => index + 1));
  });
});
