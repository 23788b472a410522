/**
 * The AI runtime over real HTTP and real sockets, with the model behind a loopback server speaking
 * OpenAI's chat-completions protocol: streaming and tool calls through the AI SDK, the plugin tool
 * running as the user, resume after a dropped socket, stop aborting the model call, ownership on
 * every route and socket message, bad input, and the token budget.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_EVENT, type AnyChatEvent, type ChatAck, type ChatMeta } from '@/lib/ai/protocol';
import { registerAccount } from '../support/accounts';
import { jsonClient } from '../support/http';
import { startOpenAIServer, type OpenAIServer, type RecordedRequest, type ScriptedReply } from '../support/openai-server';
import { startServer, type RunningServer } from '../support/server';

const APP = 'acme_ai';
const LONG_TEXT = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

let model: OpenAIServer;
let server: RunningServer;
let alice: Awaited<ReturnType<typeof registerAccount>>;
let bob: Awaited<ReturnType<typeof registerAccount>>;
const call = jsonClient(() => server.url);

const lastMessage = (request: RecordedRequest) => request.body.messages?.at(-1);
const lastUserText = (request: RecordedRequest) => {
  const content = request.body.messages?.findLast((message) => message.role === 'user')?.content;
  return typeof content === 'string' ? content : JSON.stringify(content ?? '');
};

/** The model: scripted by the user's words, as a test would script a real one. */
function respond(request: RecordedRequest): ScriptedReply {
  const text = lastUserText(request);
  if (lastMessage(request)?.role === 'tool') return { text: 'Done: the task is saved.' };
  if (text.includes('forge')) return { tool_calls: [{ name: 'create_task', arguments: { title: 'Forged', user_id: bob.user_id, app_id: 'other_app', _context: { is_superadmin: true } } }] };
  if (text.includes('unknown tool')) return { tool_calls: [{ name: 'drop_database', arguments: {} }] };
  if (text.includes('add')) return { tool_calls: [{ name: 'create_task', arguments: { title: 'From the model', due_date: null } }] };
  if (text.includes('slowly')) return { text: LONG_TEXT, chunk_size: 6, chunk_delay_ms: 40 };
  if (text.includes('forever')) return { text: LONG_TEXT.repeat(20), chunk_size: 4, chunk_delay_ms: 50 };
  return { text: 'Hello from the stand-in model.' };
}

beforeAll(async () => {
  model = await startOpenAIServer({ respond, apiKey: 'test-key' });
  server = await startServer({ env: { MOZAIKS_APP_ID: APP, OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'test-key', MOZAIKS_AI_MODEL: 'test-model' } });
  [alice, bob] = await Promise.all([registerAccount(server.url), registerAccount(server.url)]);
});

afterAll(async () => {
  await server?.stop();
  await model?.close();
});

function connect(token: string): Socket {
  return io(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token } });
}

function emit<T>(socket: Socket, event: string, message: unknown): Promise<ChatAck<T>> {
  return new Promise((resolve) => socket.emit(event, message, resolve));
}

/** Collects a chat's events on a socket, in arrival order. */
function collect(socket: Socket): AnyChatEvent[] {
  const events: AnyChatEvent[] = [];
  socket.on(CHAT_EVENT, (event: AnyChatEvent) => events.push(event));
  return events;
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startTaskChat(account = alice): Promise<string> {
  const { status, body } = await call(`/api/chats/${APP}/TaskAssistant/start`, account.headers, { force_new: true });
  expect(status).toBe(200);
  return body.chat_id as string;
}

const send = (chatId: string, message: string, account = alice) => call(`/chat/${APP}/${chatId}/${account.user_id}/input`, account.headers, { message });
const completed = (events: AnyChatEvent[], runs = 1) => events.filter((event) => event.type === 'chat.run_complete').length >= runs;

describe('a chat over HTTP and Socket.IO, with an OpenAI-compatible model', () => {
  it('streams the model, runs its tool call through the plugin as the user, and sends the result back to the model', async () => {
    const chatId = await startTaskChat();
    const socket = connect(alice.access_token);
    try {
      const events = collect(socket);
      const joined = await emit<{ meta: ChatMeta }>(socket, 'chat.join', { chat_id: chatId, last_sequence: -1 });
      expect(joined).toMatchObject({ ok: true, meta: { chat_id: chatId, workflow_name: 'TaskAssistant', status: 0 } });
      const before = model.requests.length;
      expect((await send(chatId, 'please add a task')).status).toBe(200);
      await until(() => completed(events), 'the run to complete');

      const types = events.map((event) => event.type);
      expect(types).toContain('chat.tool_call');
      expect(events.find((event) => event.type === 'chat.tool_response')!.data).toMatchObject({ tool_name: 'create_task', status: 'ok' });
      expect(events.filter((event) => event.type === 'chat.text').map((event) => (event.data as { delta: string }).delta).join('')).toContain('Done: the task is saved.');
      const list = await call('/api/execute/task_manager', alice.headers, { action: 'list', status: 'all' });
      expect(list.body.items.map((task: { title: string }) => task.title)).toContain('From the model');

      const [first, second] = model.requests.slice(before);
      expect(first!.body.model).toBe('test-model');
      expect(first!.headers.authorization).toBe('Bearer test-key');
      expect(first!.body.tools!.map((tool) => tool.function.name).sort()).toEqual(['complete_task', 'create_task', 'delete_task', 'list_tasks']);
      // The plugin's own zod schema is the tool's input schema.
      expect(first!.body.tools!.find((tool) => tool.function.name === 'create_task')!.function.parameters).toMatchObject({ required: ['title'] });
      expect(second!.body.messages!.at(-1)).toMatchObject({ role: 'tool' });
      expect(events.some((event) => event.type === 'chat.usage_summary' && (event.data as { total_tokens: number }).total_tokens > 0)).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it('a tool call cannot act as anyone else: forged user_id, app_id and _context are overwritten by the Director', async () => {
    const chatId = await startTaskChat();
    await send(chatId, 'forge a task for bob');
    const events = await eventsWhenDone(chatId);
    expect(events.find((event) => event.type === 'chat.tool_response')!.data).toMatchObject({ status: 'ok' });
    const mine = await call('/api/execute/task_manager', alice.headers, { action: 'list', status: 'all' });
    const bobs = await call('/api/execute/task_manager', bob.headers, { action: 'list', status: 'all' });
    expect(mine.body.items.map((task: { title: string }) => task.title)).toContain('Forged');
    expect(bobs.body.items).toEqual([]);
  });

  it('a call to a tool the agent does not have is refused, and the run goes on', async () => {
    const chatId = await startTaskChat();
    await send(chatId, 'use an unknown tool');
    const events = await eventsWhenDone(chatId);
    expect(events.some((event) => event.type === 'chat.tool_call')).toBe(false);
    const lastRequest = model.requests.at(-1)!;
    expect(JSON.stringify(lastRequest.body.messages!.at(-1))).toContain('There is no tool named drop_database');
  });

  it('resumes after the socket drops mid-stream: the transcript is complete, with no chunk twice', async () => {
    const chatId = await startTaskChat();
    const first = connect(alice.access_token);
    const seen: AnyChatEvent[] = collect(first);
    await emit(first, 'chat.join', { chat_id: chatId, last_sequence: -1 });
    await send(chatId, 'answer slowly');
    await until(() => seen.filter((event) => event.type === 'chat.text').length >= 3, 'the first chunks');
    first.disconnect();
    const lastSeq = seen.at(-1)!.seq;
    // Chunks keep coming while nobody listens.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const second = connect(alice.access_token);
    try {
      const rest = collect(second);
      const joined = await emit<{ meta: ChatMeta }>(second, 'chat.join', { chat_id: chatId, last_sequence: lastSeq });
      expect(joined.ok).toBe(true);
      await until(() => completed(rest), 'the run to complete after the reconnect');
      const transcript = [...seen, ...rest];
      const seqs = transcript.map((event) => event.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      // The model's message (the chat also opens with the workflow's greeting).
      const messageId = (transcript.findLast((event) => event.type === 'chat.text_start')!.data as { message_id: string }).message_id;
      const chunks = transcript.filter((event) => event.type === 'chat.text' && (event.data as { message_id: string }).message_id === messageId);
      expect(chunks.map((event) => (event.data as { delta: string }).delta).join('')).toBe(LONG_TEXT);
      expect(rest[0]!.seq).toBe(lastSeq + 1);
    } finally {
      second.disconnect();
    }
  });

  it('stopping a run aborts the model call', async () => {
    const chatId = await startTaskChat();
    await send(chatId, 'talk forever');
    await until(() => model.requests.some((request) => lastUserText(request).includes('forever')), 'the model call');
    const { status, body } = await call(`/api/chats/${APP}/TaskAssistant/${chatId}/stop`, alice.headers, {});
    expect(status).toBe(200);
    expect(body.status).toBe('stopped');
    const request = model.requests.findLast((candidate) => lastUserText(candidate).includes('forever'))!;
    await until(() => request.aborted, 'the model request to be aborted', 5_000);
    const meta = await call(`/api/chats/meta/${APP}/TaskAssistant/${chatId}`, alice.headers);
    expect(meta.body).toMatchObject({ exists: true, state: 'idle' });
    const events = await eventsWhenDone(chatId);
    expect(events.findLast((event) => event.type === 'chat.run_complete')!.data).toMatchObject({ reason: 'cancelled' });
  });
});

/** Polls the events route until the chat's `runs`-th run is complete; returns every event. */
async function eventsWhenDone(chatId: string, runs = 1, account = alice): Promise<AnyChatEvent[]> {
  const started = Date.now();
  for (;;) {
    const { body } = await call(`/api/chats/events/${APP}/${chatId}?after_sequence=-1`, account.headers);
    if (completed(body.events, runs)) return body.events as AnyChatEvent[];
    if (Date.now() - started > 15_000) throw new Error(`chat ${chatId} did not complete: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("ownership: another user's chat does not exist for them", () => {
  it('answers 404 (or exists: false) on every route and socket message, and 403 for a path naming someone else', async () => {
    const chatId = await startTaskChat();
    await send(chatId, 'hello');
    await eventsWhenDone(chatId);
    const asBob = bob.headers;
    expect((await call(`/api/chats/meta/${APP}/TaskAssistant/${chatId}`, asBob)).body).toEqual({ exists: false });
    expect((await call(`/api/chats/exists/${APP}/TaskAssistant/${chatId}`, asBob)).body).toEqual({ exists: false });
    expect((await call(`/api/chats/events/${APP}/${chatId}`, asBob)).status).toBe(404);
    expect((await call(`/chat/${APP}/${chatId}/${bob.user_id}/input`, asBob, { message: 'hi' })).status).toBe(404);
    expect((await call(`/api/chats/${APP}/TaskAssistant/${chatId}/stop`, asBob, {})).status).toBe(404);
    expect((await call(`/api/chats/${APP}/TaskAssistant`, asBob)).body.chat_ids).not.toContain(chatId);
    expect((await call(`/api/sessions/list/${APP}/${bob.user_id}`, asBob)).body.sessions.map((s: { chat_id: string }) => s.chat_id)).not.toContain(chatId);
    // Naming Alice in the path does not help.
    const forged = await call(`/chat/${APP}/${chatId}/${alice.user_id}/input`, asBob, { message: 'hi' });
    expect(forged.status).toBe(403);
    expect(forged.body.error_code).toBe('FORBIDDEN');
    expect((await call(`/api/sessions/list/${APP}/${alice.user_id}`, asBob)).status).toBe(403);
    expect((await call(`/api/chats/other_app/TaskAssistant/start`, asBob, {})).status).toBe(403);

    const socket = connect(bob.access_token);
    try {
      const events = collect(socket);
      for (const event of ['chat.join', 'client.resume']) {
        expect(await emit(socket, event, { chat_id: chatId, last_sequence: -1 })).toEqual({ ok: false, detail: 'Chat not found', error_code: 'NOT_FOUND' });
      }
      expect(await emit(socket, 'user.input.submit', { chat_id: chatId, text: 'hi' })).toMatchObject({ ok: false, error_code: 'NOT_FOUND' });
      expect(await emit(socket, 'chat.stop', { chat_id: chatId })).toMatchObject({ ok: false, error_code: 'NOT_FOUND' });
      expect(events).toEqual([]);
    } finally {
      socket.disconnect();
    }
  });
});

describe('bad input gets a clear error', () => {
  it('refuses empty messages, bad JSON, unknown workflows and malformed socket messages', async () => {
    const chatId = await startTaskChat();
    const empty = await send(chatId, '   ');
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ detail: 'Message cannot be empty.', error_code: 'BAD_REQUEST' });
    expect((await call(`/chat/${APP}/${chatId}/${alice.user_id}/input`, alice.headers, '{not json')).body.error_code).toBe('INVALID_JSON');
    expect((await call(`/api/chats/${APP}/NoSuchWorkflow/start`, alice.headers, {})).status).toBe(404);
    expect((await call('/api/user-input/submit', alice.headers, {})).status).toBe(422);
    expect((await call('/api/user-input/submit', alice.headers, { input_request_id: 'nope', decision: 'approve' })).status).toBe(404);
    expect((await call(`/api/chats/events/${APP}/${chatId}?after_sequence=abc`, alice.headers)).status).toBe(422);
    const socket = connect(alice.access_token);
    try {
      expect(await emit(socket, 'chat.join', { chat_id: 42 })).toMatchObject({ ok: false, error_code: 'VALIDATION_ERROR' });
    } finally {
      socket.disconnect();
    }
  });

  it('lists the workflows, their tools and the capabilities', async () => {
    const workflows = await call('/api/workflows', alice.headers);
    expect(Object.keys(workflows.body).sort()).toEqual(['TaskAssistant', 'WriterReviewer']);
    expect(JSON.stringify(workflows.body)).not.toContain('system_message');
    const tools = await call('/api/workflows/TaskAssistant/tools', alice.headers);
    expect(tools.body.tools.find((tool: { name: string }) => tool.name === 'delete_task')).toMatchObject({ requires_approval: true, kind: 'plugin' });
    const available = await call(`/api/workflows/${APP}/available`, alice.headers);
    expect(available.body.workflows.map((workflow: { workflow_name: string }) => workflow.workflow_name)).toContain('WriterReviewer');
    expect((await call('/api/ai/capabilities', alice.headers)).status).toBe(200);
    expect((await call('/api/ai/launch', alice.headers, { capability_id: 'nope' })).status).toBe(404);
  });
});

describe('token budget', () => {
  let limited: RunningServer;
  afterAll(async () => {
    await limited?.stop();
  });

  it('refuses a run with 402 once the user has spent their monthly budget', async () => {
    limited = await startServer({ env: { MOZAIKS_APP_ID: APP, OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'test-key', MOZAIKS_AI_USER_TOKEN_BUDGET: '1' } });
    const limitedCall = jsonClient(() => limited.url);
    const carol = await registerAccount(limited.url);
    const started = await limitedCall(`/api/chats/${APP}/TaskAssistant/start`, carol.headers, {});
    const chatId = started.body.chat_id as string;
    expect((await limitedCall(`/chat/${APP}/${chatId}/${carol.user_id}/input`, carol.headers, { message: 'hello' })).status).toBe(200);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const meta = await limitedCall(`/api/chats/meta/${APP}/TaskAssistant/${chatId}`, carol.headers);
      if (meta.body.state === 'idle') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const refused = await limitedCall(`/chat/${APP}/${chatId}/${carol.user_id}/input`, carol.headers, { message: 'again' });
    expect(refused.status).toBe(402);
    expect(refused.body.error_code).toBe('TOKEN_BUDGET_EXCEEDED');
  });
});
