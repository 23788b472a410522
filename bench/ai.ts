/**
 * The AI runtime (issue #8), two measures, each against a baseline from the same run:
 *
 * 1. Orchestration overhead per agent turn, model time excluded. In-process on the embedded store,
 *    real chats through the public functions (`startChat`, then `sendMessage` until the run is
 *    stored) on the built-in local model with no delay, so the model itself takes no time. Baseline:
 *    the same model calls made with the AI SDK's `streamText` alone — the same local model answering
 *    the same replies, the same system prompt, messages, tools and structured output — and, for the
 *    tool call, the same Director call made directly. Overhead = through the runtime − both. Each run
 *    is paired with a replay of its baseline right after it, so the machine's drift hits both alike.
 *
 * 2. Added latency from model chunk to browser socket. The production server, its model behind the
 *    loopback OpenAI stand-in (tests/support/openai-server.ts) streaming one chunk every 20 ms; a
 *    socket.io-client in the chat's room records when each `chat.text` arrives. Per chunk: arrival
 *    − the stand-in's write. Baseline: a plain HTTP client reading the stand-in's stream directly
 *    (write → receipt). The two paths take turns.
 */
import http from 'node:http';
import path from 'node:path';
import { Output, streamText, type ModelMessage } from 'ai';
import { io, type Socket } from 'socket.io-client';
import { sendMessage, startChat, getChatEvents, getWorkflow, type WorkflowDefinition } from '@/lib/ai';
import { chatSessions } from '@/lib/ai/chats/store';
import { defaultScript, localModel } from '@/lib/ai/models/local';
import { CHAT_EVENT, type AnyChatEvent, type ChatAck } from '@/lib/ai/protocol';
import { promptFor } from '@/lib/ai/runtime/orchestrator';
import { activeRun } from '@/lib/ai/runtime/runs';
import { sdkTools, toolsFor } from '@/lib/ai/runtime/tools';
import type { LocalReply, LocalTurn } from '@/lib/ai/workflows/definition';
import type { Identity } from '@/lib/auth/identity';
import { closeDatabase, setStoreForTests } from '@/lib/db';
import { ensureDeclaredIndexes } from '@/lib/db/declare';
import { EmbeddedStore } from '@/lib/db/embedded';
import { executePlugin } from '@/lib/director';
import { resetEnvForTests } from '@/lib/env';
import { getPlugin } from '@/lib/plugins/registry';
import '@/lib/runtime/collections';
import { registerAccount } from '../tests/support/accounts';
import { makeTempDir } from '../tests/support/config-dir';
import { startOpenAIServer, type RecordedRequest } from '../tests/support/openai-server';
import { startServer, type RunningServer } from '../tests/support/server';
import { fixed, percentile, ratio, within, type BenchTable } from './harness';

const epochMs = () => performance.timeOrigin + performance.now();

// ---- 1. Orchestration overhead per agent turn ----

const APP_ID = 'bench_ai';
const RUNS = 300;
const WARMUP_RUNS = 30;
/** The orchestration target of issue #8. */
const TARGET_OVERHEAD_MS = 5;

const identity = { app_id: APP_ID, user_id: 'bench_user', username: 'bench_user', email: null, roles: ['user'], is_superadmin: false, user_jwt: null, auth_method: 'local' } as Identity;

interface Scenario {
  label: string;
  workflow: string;
  message: string;
  /** How the run must end, checked once, so a broken workflow is not timed as a fast one. */
  ending: 'terminated' | 'awaiting_user';
}

const SCENARIOS: Scenario[] = [
  { label: 'WriterReviewer (writer, reviewer, writer, reviewer)', workflow: 'WriterReviewer', message: 'Reading every day', ending: 'terminated' },
  { label: 'TaskAssistant (a tool call through the Director, then the answer)', workflow: 'TaskAssistant', message: 'add a task Buy milk due 2026-12-24', ending: 'awaiting_user' },
];

/** One model call of a run, as the bare SDK replays it. */
interface ModelCall {
  agent: string;
  turn: LocalTurn;
  reply: LocalReply;
  prompt: ModelMessage[];
}

/** A message through the runtime: from `sendMessage` until the run has stored its state and events. */
async function runOnce(scenario: Scenario): Promise<{ ms: number; chatId: string }> {
  const { chat_id: chatId } = await startChat({ identity, workflowName: scenario.workflow, forceNew: true });
  const started = performance.now();
  await sendMessage({ identity, chatId, text: scenario.message });
  await activeRun(identity, chatId)!.finished;
  return { ms: performance.now() - started, chatId };
}

/** Throws unless the run ended as the scenario says, with no error and every tool call answered ok: a broken run is not timed as a fast one. */
async function assertRanAsExpected(scenario: Scenario, chatId: string): Promise<AnyChatEvent[]> {
  const { events } = await getChatEvents(identity, chatId, -1);
  const ending = events.findLast((event) => event.type === 'chat.run_complete') as (AnyChatEvent & { data: { reason: string } }) | undefined;
  const failed = events.some((event) => event.type === 'chat.error' || (event.type === 'chat.tool_response' && (event.data as { status: string }).status !== 'ok'));
  if (ending?.data.reason !== scenario.ending || failed) throw new Error(`${scenario.workflow} did not run as expected: ${JSON.stringify(events)}`);
  return events;
}

/**
 * Runs the scenario once with every agent's offline script wrapped to record what it was asked and
 * answered; the prompt of each call is rebuilt from the stored history as it stood at that call.
 */
async function captureCalls(scenario: Scenario, workflow: WorkflowDefinition): Promise<{ calls: ModelCall[]; turns: number }> {
  const recorded: { agent: string; turn: LocalTurn; reply: LocalReply }[] = [];
  const originals = Object.entries(workflow.agents).map(([name, agent]) => [name, agent.local] as const);
  for (const [name, agent] of Object.entries(workflow.agents)) {
    const script = agent.local ?? defaultScript;
    agent.local = (turn) => {
      const reply = script(turn);
      recorded.push({ agent: name, turn, reply });
      return reply;
    };
  }
  let chatId: string;
  try {
    ({ chatId } = await runOnce(scenario));
  } finally {
    for (const [name, local] of originals) workflow.agents[name]!.local = local;
  }
  const events = await assertRanAsExpected(scenario, chatId);
  const chat = await chatSessions(identity).findOne({ _id: chatId });
  const calls = recorded.map(({ agent, turn, reply }) => ({ agent, turn, reply, prompt: promptFor(agent, chat!.history.slice(0, turn.messages.length)) }));
  return { calls, turns: events.filter((event) => event.type === 'chat.select_speaker').length };
}

/** The same model calls through `streamText` alone, consumed as the orchestrator consumes them. */
function bareModelCalls(workflow: WorkflowDefinition, calls: ModelCall[]): () => Promise<number> {
  const prepared = calls.map((call) => {
    const definition = workflow.agents[call.agent]!;
    const tools = toolsFor(workflow, call.agent);
    return { ...call, definition, tools: tools.size ? sdkTools(tools) : undefined };
  });
  return async () => {
    const started = performance.now();
    const controller = new AbortController();
    for (const { turn, reply, prompt, definition, tools } of prepared) {
      const result = streamText({
        model: localModel({ turn, script: () => reply }),
        system: definition.system_message,
        messages: prompt,
        ...(tools ? { tools } : {}),
        ...(definition.structured_output ? { output: Output.object({ schema: definition.structured_output }) } : {}),
        abortSignal: controller.signal,
        maxRetries: 1,
      });
      for await (const part of result.fullStream) if (part.type === 'error') throw part.error;
    }
    return performance.now() - started;
  };
}

/** The tool calls of the run made straight through the Director, as the user: the tools' own cost. */
function bareToolCalls(workflow: WorkflowDefinition, calls: ModelCall[]): (() => Promise<number>) | null {
  const toolCalls = calls.flatMap(({ reply }) => ('tool_calls' in reply ? reply.tool_calls : []));
  if (!toolCalls.length) return null;
  return async () => {
    const started = performance.now();
    for (const { name, args } of toolCalls) {
      const tool = workflow.tools[name];
      if (tool?.kind !== 'plugin') throw new Error(`${name} is not a plugin tool`);
      await executePlugin({ plugin: getPlugin(tool.plugin), pluginName: tool.plugin, identity, body: { ...args, action: tool.action } });
    }
    return performance.now() - started;
  };
}

async function benchOrchestration(): Promise<BenchTable> {
  const dir = makeTempDir('mozaiks-bench-ai-');
  const settings: Record<string, string | undefined> = {
    MOZAIKS_DATA_DIR: dir,
    MOZAIKS_APP_ID: APP_ID,
    MOZAIKS_AI_LOCAL_DELAY_MS: '0',
    // One user's plugin rate limit would refuse the tool call long before the runs end; the limit has its own test.
    MOZAIKS_PLUGIN_RATE_LIMITS: 'false',
    LOG_LEVEL: 'error',
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
  };
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
  };
  setEnv(settings);
  const store = new EmbeddedStore(path.join(dir, 'db'));
  setStoreForTests(store);
  await ensureDeclaredIndexes(store);
  const rows: (string | number)[][] = [];
  try {
    for (const scenario of SCENARIOS) {
      const workflow = getWorkflow(scenario.workflow)!;
      const { calls, turns } = await captureCalls(scenario, workflow);
      const bareModel = bareModelCalls(workflow, calls);
      const bareTools = bareToolCalls(workflow, calls);
      const measured = { runtime: [] as number[], model: [] as number[], tools: [] as number[], overhead: [] as number[] };
      for (let index = 0; index < WARMUP_RUNS + RUNS; index++) {
        const { ms, chatId } = await runOnce(scenario);
        await assertRanAsExpected(scenario, chatId);
        const model = await bareModel();
        const tools = bareTools ? await bareTools() : 0;
        if (index < WARMUP_RUNS) continue;
        measured.runtime.push(ms / turns);
        measured.model.push(model / turns);
        measured.tools.push(tools / turns);
        measured.overhead.push((ms - model - tools) / turns);
      }
      const row = (name: string, values: number[], target = '') => [`${scenario.workflow} · ${name}`, fixed(percentile(values, 0.5), 2), fixed(percentile(values, 0.95), 2), target];
      const overhead = percentile(measured.overhead, 0.5);
      rows.push(
        row(`bare streamText, ${calls.length} model calls (baseline)`, measured.model),
        ...(bareTools ? [row('bare Director call of the tool (baseline)', measured.tools)] : []),
        row(`through the runtime, ${turns} agent turn${turns === 1 ? '' : 's'}`, measured.runtime),
        row('runtime overhead (difference)', measured.overhead, `${overhead < TARGET_OVERHEAD_MS ? 'met' : 'missed'}: under ${TARGET_OVERHEAD_MS} ms`),
        [`${scenario.workflow} · ratio runtime ÷ baselines`, ratio(percentile(measured.runtime, 0.5), percentile(measured.model, 0.5) + percentile(measured.tools, 0.5)), '', ''],
      );
    }
  } finally {
    await closeDatabase();
    setEnv(saved);
  }
  return {
    title: 'AI runtime: orchestration overhead per agent turn',
    note:
      `In-process on the embedded store, the built-in local model with no delay (model time ≈ 0). Per scenario, ${RUNS} runs after ${WARMUP_RUNS} of warm-up, each from ` +
      `sendMessage until the run has stored the chat and its events, a new chat each time; each run is followed by its baselines: the same model calls through the AI SDK's ` +
      `streamText alone (same model replies, system prompt, messages, tools, structured output) and the same tool call straight through the Director. ` +
      `Milliseconds per agent turn; overhead = runtime − baselines, per run. Target: overhead under ${TARGET_OVERHEAD_MS} ms.`,
    columns: ['case', 'ms/turn p50', 'ms/turn p95', 'target'],
    rows,
  };
}

// ---- 2. Added latency from model chunk to browser socket ----

const CHAT_APP = 'bench_ai_rt';
const CHUNKS = 300;
const CHUNK_DELAY_MS = 20;
const ROUNDS = 3;
const MARKER = 'bench-stream';
/** Each chunk a distinct six-character word, so a chunk is known by its text wherever it arrives. */
const CHUNK_SIZE = 6;
const streamedText = (chunks: number) => Array.from({ length: chunks }, (_, index) => `w${String(index).padStart(4, '0')} `).join('');

/** The text content of one streamed chat-completions payload, if any. */
function contentOf(payload: string): string | null {
  if (payload === '[DONE]') return null;
  const content = (JSON.parse(payload) as { choices?: { delta?: { content?: string | null } }[] }).choices?.[0]?.delta?.content;
  return content || null;
}

/** Per chunk written: its arrival minus its write; `lost` counts chunks that never arrived. */
function latenciesOf(writes: Map<string, number>, arrivals: Map<string, number>): { latencies: number[]; lost: number } {
  const latencies: number[] = [];
  for (const [text, written] of writes) {
    const at = arrivals.get(text);
    if (at !== undefined) latencies.push(at - written);
  }
  return { latencies, lost: writes.size - latencies.length };
}

/** Reads the stand-in's stream with a plain HTTP client; returns each chunk's receipt time by its text. */
function readDirectly(url: string, apiKey: string, chunks: number): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<string, number>();
    const body = JSON.stringify({ model: 'test-model', stream: true, messages: [{ role: 'user', content: `${MARKER} ${chunks}` }] });
    const request = http.request(`${url}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } }, (response) => {
      let buffered = '';
      response.setEncoding('utf8');
      response.on('data', (data: string) => {
        const at = epochMs();
        buffered += data;
        const events = buffered.split('\n\n');
        buffered = events.pop()!;
        for (const event of events) {
          const content = event.startsWith('data: ') ? contentOf(event.slice(6)) : null;
          if (content) arrivals.set(content, at);
        }
      });
      response.on('end', () => resolve(arrivals));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token } });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function benchChunkLatency(): Promise<BenchTable> {
  const apiKey = 'bench-key';
  // The stand-in's write time of each chunk of the stream being measured, by its text.
  let writes = new Map<string, number>();
  const model = await startOpenAIServer({
    apiKey,
    respond: (request: RecordedRequest) => {
      const content = request.body.messages?.findLast((message) => message.role === 'user')?.content;
      const match = typeof content === 'string' ? new RegExp(`${MARKER} (\\d+)`).exec(content) : null;
      return match ? { text: streamedText(Number(match[1])), chunk_size: CHUNK_SIZE, chunk_delay_ms: CHUNK_DELAY_MS } : { text: 'Hello.' };
    },
    onWrite: ({ payload, at }) => {
      const content = contentOf(payload);
      if (content) writes.set(content, at);
    },
  });
  const latencies = { direct: [] as number[], runtime: [] as number[] };
  let lost = 0;
  let server: RunningServer | undefined;
  let socket: Socket | undefined;
  try {
    server = await startServer({
      env: { MOZAIKS_APP_ID: CHAT_APP, OPENAI_BASE_URL: model.url, OPENAI_API_KEY: apiKey, MOZAIKS_AI_MODEL: 'test-model', LOG_LEVEL: 'error' },
    });
    const { url } = server;
    const account = await registerAccount(url);
    const headers = { ...account.headers, 'content-type': 'application/json' };
    const room = await connect(url, account.access_token);
    socket = room;
    const direct = async (chunks: number) => {
      writes = new Map();
      const arrivals = await readDirectly(model.url, apiKey, chunks);
      return latenciesOf(writes, arrivals);
    };
    const throughRuntime = async (chunks: number) => {
      writes = new Map();
      const started = await fetch(`${url}/api/chats/${CHAT_APP}/TaskAssistant/start`, { method: 'POST', headers, body: JSON.stringify({ force_new: true }) });
      const { chat_id: chatId } = (await started.json()) as { chat_id: string };
      const arrivals = new Map<string, number>();
      let done: () => void = () => {};
      const complete = new Promise<void>((resolve) => (done = resolve));
      const onEvent = (event: AnyChatEvent) => {
        if (event.chat_id !== chatId) return;
        if (event.type === 'chat.text') arrivals.set((event.data as { delta: string }).delta, epochMs());
        else if (event.type === 'chat.run_complete') done();
      };
      room.on(CHAT_EVENT, onEvent);
      try {
        const joined = await new Promise<ChatAck>((resolve) => room.emit('chat.join', { chat_id: chatId, last_sequence: -1 }, resolve));
        if (!joined.ok) throw new Error(`chat.join failed: ${joined.detail}`);
        const sent = await fetch(`${url}/chat/${CHAT_APP}/${chatId}/${account.user_id}/input`, { method: 'POST', headers, body: JSON.stringify({ message: `${MARKER} ${chunks}` }) });
        if (sent.status !== 200) throw new Error(`sending the message answered ${sent.status}: ${await sent.text()}`);
        if ((await within(complete, chunks * CHUNK_DELAY_MS * 4 + 10_000, 'timeout')) === 'timeout') throw new Error('the run did not complete');
      } finally {
        room.off(CHAT_EVENT, onEvent);
      }
      return latenciesOf(writes, arrivals);
    };
    await direct(30);
    await throughRuntime(30);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [route, measure] of [['direct', direct], ['runtime', throughRuntime]] as const) {
        const measured = await measure(CHUNKS);
        latencies[route].push(...measured.latencies);
        lost += measured.lost;
      }
    }
  } finally {
    socket?.close();
    await server?.stop();
    await model.close();
  }
  const [d50, d99, r50, r99] = [percentile(latencies.direct, 0.5), percentile(latencies.direct, 0.99), percentile(latencies.runtime, 0.5), percentile(latencies.runtime, 0.99)];
  return {
    title: 'AI runtime: added latency from model chunk to socket',
    note:
      `Production build on server.ts; the model is the loopback OpenAI stand-in streaming ${CHUNKS} chunks of ${CHUNK_SIZE} characters, one every ${CHUNK_DELAY_MS} ms, ` +
      `in ${ROUNDS} rounds where the two paths take turns (after a warm-up). Per chunk: the time it arrives minus the time the stand-in wrote it ` +
      `(both clocks in the bench process). Direct (baseline): a plain HTTP client reading the stand-in's stream. Through the runtime: the server's AI SDK ` +
      `reads it, the orchestrator appends a chat.text event, Socket.IO sends it to a socket.io-client in the chat's room. ${lost} chunks lost.`,
    columns: ['path', 'p50 ms', 'p99 ms', 'chunks'],
    rows: [
      ['model server → HTTP client, direct (baseline)', fixed(d50, 2), fixed(d99, 2), latencies.direct.length],
      ['model server → runtime → socket', fixed(r50, 2), fixed(r99, 2), latencies.runtime.length],
      ['added by the runtime (difference)', fixed(r50 - d50, 2), fixed(r99 - d99, 2), ''],
      ['ratio', ratio(r50, d50), ratio(r99, d99), ''],
    ],
  };
}

export async function benchAi(): Promise<BenchTable[]> {
  return [await benchOrchestration(), await benchChunkLatency()];
}
