/**
 * The orchestrator in-process, on the embedded store and the built-in local model: the shipped
 * workflows' tool calls through the Director, approvals only the user can give, handoffs decided by a
 * structured output, and the event stream's numbering. (Sockets, HTTP and a real model protocol are
 * covered by tests/ai/chat-api.test.ts and e2e/ai.spec.ts.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyChatEvent, ChatEvent } from '@/lib/ai/protocol';
import { getChatEvents, getChatMeta, sendMessage, startChat, stopChat, submitInput } from '@/lib/ai';
import { activeRun } from '@/lib/ai/runtime/runs';
import type { Identity } from '@/lib/auth/identity';
import { closeDatabase, database, setStoreForTests } from '@/lib/db';
import { ensureDeclaredIndexes } from '@/lib/db/declare';
import { EmbeddedStore } from '@/lib/db/embedded';
import { resetEnvForTests } from '@/lib/env';
import '@/lib/runtime/collections';

const alice: Identity = { app_id: 'ai_app', user_id: 'alice', username: 'alice', email: null, roles: ['user'], is_superadmin: false, user_jwt: null, auth_method: 'local' } as Identity;
const bob: Identity = { ...alice, user_id: 'bob', username: 'bob' };

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mozaiks-ai-test-'));
  Object.assign(process.env, { MOZAIKS_DATA_DIR: dir, MOZAIKS_APP_ID: 'ai_app' });
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
  resetEnvForTests();
  const store = new EmbeddedStore(path.join(dir, 'db'));
  setStoreForTests(store);
  await ensureDeclaredIndexes(store);
});

afterAll(async () => {
  await closeDatabase();
});

/** Waits until the chat's run is over (or waiting on the user), then returns every event. */
async function settle(identity: Identity, chatId: string, until: (events: AnyChatEvent[]) => boolean): Promise<AnyChatEvent[]> {
  for (let i = 0; i < 200; i++) {
    const { events } = await getChatEvents(identity, chatId, -1);
    if (until(events)) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`chat ${chatId} did not settle: ${JSON.stringify((await getChatEvents(identity, chatId, -1)).events.map((event) => event.type))}`);
}

const ended = (count: number) => (events: AnyChatEvent[]) => events.filter((event) => event.type === 'chat.run_complete').length >= count;
const asking = (events: AnyChatEvent[]) => events.some((event) => event.type === 'chat.input_request') && events.filter((event) => event.type === 'chat.input_ack').length < events.filter((event) => event.type === 'chat.input_request').length;
const ofType = <T extends AnyChatEvent['type']>(events: AnyChatEvent[], type: T) => events.filter((event): event is ChatEvent<T> & AnyChatEvent => event.type === type);

async function tasksOf(identity: Identity) {
  return database({ appId: identity.app_id }).forUser(identity.user_id).forPlugin('task_manager').collection('tasks').find({});
}

describe('TaskAssistant on the built-in model', () => {
  it('creates a task through the plugin, as the user', async () => {
    const { chat_id } = await startChat({ identity: alice, workflowName: 'TaskAssistant', forceNew: true });
    await sendMessage({ identity: alice, chatId: chat_id, text: 'add a task Buy milk due 2026-12-24' });
    const events = await settle(alice, chat_id, ended(1));
    const call = ofType(events, 'chat.tool_call')[0]!;
    expect(call.data).toMatchObject({ tool_name: 'create_task', args: { title: 'Buy milk', due_date: '2026-12-24' }, requires_approval: false });
    expect(ofType(events, 'chat.tool_response')[0]!.data.status).toBe('ok');
    expect((await tasksOf(alice)).map((task) => task.title)).toContain('Buy milk');
    // Bob's tasks are his own: the tool ran as Alice.
    expect(await tasksOf(bob)).toEqual([]);
    expect(ofType(events, 'chat.text_end').at(-1)!.data.content).toContain('Added “Buy milk”');
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  });

  it('asks before deleting, and deletes only after approval', async () => {
    const { chat_id } = await startChat({ identity: alice, workflowName: 'TaskAssistant', forceNew: true });
    await sendMessage({ identity: alice, chatId: chat_id, text: 'add a task Call Bob' });
    await settle(alice, chat_id, ended(1));
    await sendMessage({ identity: alice, chatId: chat_id, text: 'delete the task Call Bob' });
    let events = await settle(alice, chat_id, asking);
    const request = ofType(events, 'chat.input_request').at(-1)!.data;
    expect(request).toMatchObject({ kind: 'approval', tool_name: 'delete_task' });
    expect((await getChatMeta(alice, chat_id))!.pending_inputs).toHaveLength(1);
    expect((await tasksOf(alice)).some((task) => task.title === 'Call Bob')).toBe(true);
    // Another user cannot answer Alice's question.
    await expect(submitInput({ identity: bob, inputRequestId: request.input_request_id, decision: 'approve' })).rejects.toMatchObject({ status: 404 });
    // A plain message does not approve either.
    await expect(sendMessage({ identity: alice, chatId: chat_id, text: 'approve' })).rejects.toMatchObject({ errorCode: 'CHAT_BUSY' });
    await submitInput({ identity: alice, inputRequestId: request.input_request_id, decision: 'deny' });
    events = await settle(alice, chat_id, ended(2));
    expect(ofType(events, 'chat.tool_response').at(-1)!.data.status).toBe('denied');
    expect((await tasksOf(alice)).some((task) => task.title === 'Call Bob')).toBe(true);

    await sendMessage({ identity: alice, chatId: chat_id, text: 'delete the task Call Bob' });
    events = await settle(alice, chat_id, asking);
    await submitInput({ identity: alice, inputRequestId: ofType(events, 'chat.input_request').at(-1)!.data.input_request_id, decision: 'approve' });
    events = await settle(alice, chat_id, ended(3));
    expect(ofType(events, 'chat.tool_response').at(-1)!.data).toMatchObject({ tool_name: 'delete_task', status: 'ok' });
    expect((await tasksOf(alice)).some((task) => task.title === 'Call Bob')).toBe(false);
    expect(ofType(events, 'chat.text_end').at(-1)!.data.content).toContain('Deleted');
  });

  it('stopping a run waiting for approval cancels it, and the chat goes on', async () => {
    const { chat_id } = await startChat({ identity: alice, workflowName: 'TaskAssistant', forceNew: true });
    await sendMessage({ identity: alice, chatId: chat_id, text: 'add a task Keep me' });
    await settle(alice, chat_id, ended(1));
    await sendMessage({ identity: alice, chatId: chat_id, text: 'delete the task Keep me' });
    await settle(alice, chat_id, asking);
    expect(await stopChat({ identity: alice, chatId: chat_id })).toBe('stopped');
    expect(activeRun(alice, chat_id)).toBeUndefined();
    const events = (await getChatEvents(alice, chat_id, -1)).events;
    expect(ofType(events, 'chat.run_complete').at(-1)!.data.reason).toBe('cancelled');
    expect(ofType(events, 'chat.input_ack').at(-1)!.data.status).toBe('cancelled');
    expect((await tasksOf(alice)).some((task) => task.title === 'Keep me')).toBe(true);
    expect((await getChatMeta(alice, chat_id))!).toMatchObject({ state: 'idle', pending_inputs: [] });
  });

  it("hides a chat from anyone but its owner", async () => {
    const { chat_id } = await startChat({ identity: alice, workflowName: 'TaskAssistant', forceNew: true });
    expect(await getChatMeta(bob, chat_id)).toBeNull();
    await expect(getChatEvents(bob, chat_id, -1)).rejects.toMatchObject({ status: 404 });
    await expect(sendMessage({ identity: bob, chatId: chat_id, text: 'hi' })).rejects.toMatchObject({ status: 404 });
    await expect(stopChat({ identity: bob, chatId: chat_id })).rejects.toMatchObject({ status: 404 });
  });
});

describe('a tool call cannot exceed the user’s permissions', () => {
  it('is refused by the Director when the user’s plan does not include the plugin', async () => {
    // With monetization on, the default free plan unlocks no plugins: the user could not create a task by hand either.
    process.env.MONETIZATION = 'true';
    resetEnvForTests();
    try {
      const { chat_id } = await startChat({ identity: bob, workflowName: 'TaskAssistant', forceNew: true });
      await sendMessage({ identity: bob, chatId: chat_id, text: 'add a task Sneaky' });
      const events = await settle(bob, chat_id, ended(1));
      expect(ofType(events, 'chat.tool_response')[0]!.data).toMatchObject({ tool_name: 'create_task', status: 'error', error: { error_code: 'FEATURE_GATED' } });
      expect(await tasksOf(bob)).toEqual([]);
      expect(ofType(events, 'chat.text_end').at(-1)!.data.content).toContain('could not add it');
    } finally {
      delete process.env.MONETIZATION;
      resetEnvForTests();
    }
  });
});

describe('WriterReviewer on the built-in model', () => {
  it('hands off between writer and reviewer until the review approves, then completes', async () => {
    const { chat_id } = await startChat({ identity: alice, workflowName: 'WriterReviewer', forceNew: true });
    await sendMessage({ identity: alice, chatId: chat_id, text: 'Reading every day' });
    const events = await settle(alice, chat_id, ended(1));
    const speakers = ofType(events, 'chat.select_speaker').map((event) => `${event.data.agent}:${event.data.reason}`);
    expect(speakers).toEqual(['Writer:initial', 'Reviewer:after_work', 'Writer:condition', 'Reviewer:after_work']);
    expect(ofType(events, 'chat.structured_output').map((event) => (event.data.output as { approved: boolean }).approved)).toEqual([false, true]);
    expect(ofType(events, 'chat.run_complete').at(-1)!.data).toMatchObject({ reason: 'terminated', status: 1 });
    expect((await getChatMeta(alice, chat_id))!).toMatchObject({ status: 1, state: 'completed' });
    await expect(sendMessage({ identity: alice, chatId: chat_id, text: 'more' })).rejects.toMatchObject({ errorCode: 'CHAT_BUSY' });
  });
});
