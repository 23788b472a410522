/**
 * Runs a workflow (reference §8.2): from a user message (or the chat's start) until the turn goes
 * back to the user, the chat terminates, `max_turns` agent turns pass, the budget is spent, or the
 * user stops it. Each agent turn is a loop of model calls through the AI SDK's `streamText`: text
 * streams to the chat as it arrives; tool calls run here (plugin actions through the Director as the
 * user), after the user's approval where the tool needs one; handoff tools pass the turn on.
 *
 * Everything the user sees is a numbered event on the chat's stream; the model history, context
 * variables and the current agent are stored on the chat when the run ends.
 */
import { randomUUID } from 'node:crypto';
import { Output, streamText, type ModelMessage } from 'ai';
import { artifactSchema, type ArtifactInput, type InputRequest, type RunEndReason, type SpeakerReason, type ToolErrorInfo } from '@/lib/ai/protocol';
import type { ChatStream } from '@/lib/ai/chats/stream';
import { claimChat, keepClaim, releaseChat } from '@/lib/ai/chats/lease';
import { findChat, updateChat, type ChatSession, type HistoryEntry } from '@/lib/ai/chats/store';
import { modelFor } from '@/lib/ai/models';
import { TERMINATE_TARGET, USER_TARGET, type LocalMessage, type LocalTurn, type ToolContext, type WorkflowDefinition } from '@/lib/ai/workflows/definition';
import type { Identity } from '@/lib/auth/identity';
import { executePlugin } from '@/lib/director';
import { getEnv } from '@/lib/env';
import { ApiError, isApiError } from '@/lib/errors';
import { getPlugin } from '@/lib/plugins/registry';
import { keepAliveUntilSettled } from '@/lib/runtime/after-response';
import { logger } from '@/lib/runtime/logger';
import { assertWithinBudget, recordUsage } from './budget';
import { firstSpeaker, nextSpeaker } from './handoffs';
import { activeRun, registerRun, unregisterRun, waitForInput, type ActiveRun, type InputAnswer } from './runs';
import { runTool, sdkTools, toolsFor, type ResolvedTool } from './tools';

/** The state a run works on, stored on the chat when it ends. */
interface RunState {
  history: HistoryEntry[];
  context: Record<string, unknown>;
  currentAgent: string | null;
  lastArtifact: ChatSession['last_artifact'];
  usage: { input_tokens: number; output_tokens: number };
  /** Tokens not yet added to the stored totals: written once per turn, and before waiting on the user. */
  unrecorded: { input_tokens: number; output_tokens: number };
}

interface RunScope {
  run: ActiveRun;
  identity: Identity;
  chat: ChatSession;
  workflow: WorkflowDefinition;
  stream: ChatStream;
  state: RunState;
  correlationId?: string;
}

class RunCancelled extends Error {
  constructor() {
    super('The run was stopped');
    this.name = 'RunCancelled';
  }
}

/** What an agent sees: its own messages and tool results as such, other agents' words as named user messages. (Exported for bench/ai.ts, which gives the bare SDK the same prompt.) */
export function promptFor(agent: string, history: HistoryEntry[]): ModelMessage[] {
  const messages: ModelMessage[] = [];
  for (const entry of history) {
    if (entry.role === 'user') messages.push({ role: 'user', content: entry.content });
    else if (entry.role === 'agent' && entry.agent === agent) {
      const parts = [
        ...(entry.content ? [{ type: 'text' as const, text: entry.content }] : []),
        ...entry.tool_calls.map((call) => ({ type: 'tool-call' as const, toolCallId: call.id, toolName: call.name, input: call.args })),
      ];
      if (parts.length) messages.push({ role: 'assistant', content: parts });
    } else if (entry.role === 'agent' && entry.content) {
      messages.push({ role: 'user', content: `[${entry.agent}] ${entry.content}` });
    } else if (entry.role === 'tool' && entry.agent === agent) {
      messages.push({ role: 'tool', content: [{ type: 'tool-result', toolCallId: entry.tool_call_id, toolName: entry.tool_name, output: { type: 'json', value: (entry.result ?? null) as never } }] });
    }
  }
  return messages;
}

function localMessages(history: HistoryEntry[]): LocalMessage[] {
  return history.map((entry): LocalMessage => {
    if (entry.role === 'user') return { role: 'user', text: entry.content };
    if (entry.role === 'agent') return { role: 'assistant', text: entry.content, agent: entry.agent, tool_calls: entry.tool_calls.map(({ name, args }) => ({ name, args })) };
    return { role: 'tool', tool_name: entry.tool_name, result: entry.result };
  });
}

/** A safe description of a failure, for the model and the user. */
function errorInfo(error: unknown): ToolErrorInfo {
  if (isApiError(error)) return { detail: error.detail, error_code: String(error.errorCode) };
  return { detail: getEnv().isProduction ? 'The tool failed' : `The tool failed: ${(error as Error)?.message ?? String(error)}`, error_code: 'TOOL_ERROR' };
}

function emitArtifact(scope: RunScope, agent: string, input: ArtifactInput): void {
  const artifact = artifactSchema.parse(input);
  const entry = { artifact_id: randomUUID(), artifact };
  scope.state.lastArtifact = entry;
  scope.stream.append('chat.artifact', { ...entry, agent });
}

/** Adds the tokens spent since the last write to the app's and the user's totals. */
async function recordSpent(scope: RunScope): Promise<void> {
  const spent = scope.state.unrecorded;
  if (spent.input_tokens + spent.output_tokens === 0) return;
  scope.state.unrecorded = { input_tokens: 0, output_tokens: 0 };
  await recordUsage(scope.identity, spent);
}

/** Asks the user and waits; the question is stored on the chat meanwhile, so a reloaded page shows it. */
async function askUser(scope: RunScope, request: InputRequest): Promise<InputAnswer> {
  // An answer may take hours (or never come): what was spent so far counts now.
  await recordSpent(scope);
  await updateChat(scope.identity, scope.chat._id, { state: 'waiting_input', pending_inputs: [request] });
  scope.stream.append('chat.input_request', request);
  const answer = await waitForInput(scope.run, request);
  const status = answer.kind === 'cancelled' ? 'cancelled' : answer.kind === 'text' ? 'answered' : answer.approved ? 'approved' : 'denied';
  scope.stream.append('chat.input_ack', { input_request_id: request.input_request_id, status });
  await updateChat(scope.identity, scope.chat._id, { state: 'running', pending_inputs: [] });
  if (answer.kind === 'cancelled') throw new RunCancelled();
  return answer;
}

function toolContext(scope: RunScope, agent: string): ToolContext {
  return {
    identity: scope.identity,
    chat_id: scope.chat._id,
    workflow_name: scope.workflow.name,
    agent,
    context: scope.state.context,
    executePlugin: (plugin, action, input = {}) =>
      executePlugin({ plugin: getPlugin(plugin), pluginName: plugin, identity: scope.identity, body: { ...input, action }, correlationId: scope.correlationId }),
    emitArtifact: (artifact) => emitArtifact(scope, agent, artifact),
    requestInput: async (prompt) => {
      const answer = await askUser(scope, { input_request_id: randomUUID(), kind: 'text', prompt, agent });
      return answer.kind === 'text' ? answer.text : '';
    },
    signal: scope.run.controller.signal,
  };
}

/** Runs one tool call, with the user's approval first where needed; returns what the model is told. */
async function callTool(scope: RunScope, agent: string, tool: ResolvedTool, call: { id: string; args: Record<string, unknown> }): Promise<unknown> {
  const { stream } = scope;
  stream.append('chat.tool_call', { tool_call_id: call.id, tool_name: tool.name, title: tool.title, agent, args: call.args, requires_approval: tool.requiresApproval });
  if (tool.requiresApproval) {
    const answer = await askUser(scope, {
      input_request_id: randomUUID(),
      kind: 'approval',
      prompt: `${agent} wants to run "${tool.title}". Allow it?`,
      agent,
      tool_call_id: call.id,
      tool_name: tool.name,
      args: call.args,
    });
    if (answer.kind === 'approval' && !answer.approved) {
      const error = { detail: 'The user declined this action.', error_code: 'USER_DENIED' };
      stream.append('chat.tool_response', { tool_call_id: call.id, tool_name: tool.name, status: 'denied', error });
      return { denied: true, ...error };
    }
  }
  try {
    const result = await runTool(tool, call.args, toolContext(scope, agent), scope.correlationId);
    stream.append('chat.tool_response', { tool_call_id: call.id, tool_name: tool.name, status: 'ok', result });
    const definition = tool.definition;
    const artifact = definition?.kind === 'plugin' ? definition.artifact?.(result, call.args) : null;
    if (artifact) emitArtifact(scope, agent, artifact);
    return result ?? null;
  } catch (error) {
    if (error instanceof RunCancelled) throw error;
    if (!isApiError(error)) logger.error('AI tool failed', { tool: tool.name, chat_id: scope.chat._id, error });
    const info = errorInfo(error);
    stream.append('chat.tool_response', { tool_call_id: call.id, tool_name: tool.name, status: 'error', error: info });
    return { error: info.detail, error_code: info.error_code };
  }
}

/** One agent's turn; returns the handoff target it chose through a handoff tool, if any. */
async function agentTurn(scope: RunScope, agent: string): Promise<string | null> {
  const { workflow, stream, state, run } = scope;
  const definition = workflow.agents[agent]!;
  const tools = toolsFor(workflow, agent);
  const visible = !workflow.visual_agents || workflow.visual_agents.includes(agent);
  const turnStart = state.history.length;
  let handoff: string | null = null;

  for (let step = 0; step < definition.max_consecutive_auto_reply && !handoff; step++) {
    const turn = (): LocalTurn => {
      const lastUser = state.history.findLast((entry) => entry.role === 'user');
      return {
        agent,
        messages: localMessages(state.history),
        lastUserText: lastUser?.role === 'user' ? lastUser.content : null,
        toolResults: state.history.slice(turnStart).flatMap((entry) => (entry.role === 'tool' && entry.agent === agent ? [{ tool_name: entry.tool_name, result: entry.result }] : [])),
        tools: [...tools.keys()],
        context: state.context,
      };
    };
    const result = streamText({
      model: modelFor({ model: definition.model, turn, script: definition.local }),
      system: definition.system_message,
      messages: promptFor(agent, state.history),
      ...(tools.size ? { tools: sdkTools(tools) } : {}),
      ...(definition.structured_output ? { output: Output.object({ schema: definition.structured_output }) } : {}),
      abortSignal: run.controller.signal,
      maxRetries: 1,
    });

    let messageId: string | null = null;
    let text = '';
    const calls: { id: string; name: string; args: Record<string, unknown>; invalid: string | null }[] = [];
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') {
        if (!part.text) continue;
        if (!messageId) {
          messageId = randomUUID();
          stream.append('chat.text_start', { message_id: messageId, agent, visible });
        }
        text += part.text;
        stream.append('chat.text', { message_id: messageId, agent, delta: part.text });
      } else if (part.type === 'tool-call') {
        const invalid = 'invalid' in part && part.invalid ? String((part as { error?: unknown }).error ?? 'invalid call') : null;
        calls.push({ id: part.toolCallId, name: part.toolName, args: (part.input ?? {}) as Record<string, unknown>, invalid });
      } else if (part.type === 'finish-step') {
        const tokens = { input_tokens: part.usage.inputTokens ?? 0, output_tokens: part.usage.outputTokens ?? 0 };
        for (const totals of [state.usage, state.unrecorded]) {
          totals.input_tokens += tokens.input_tokens;
          totals.output_tokens += tokens.output_tokens;
        }
        stream.append('chat.usage_delta', { agent, ...tokens });
      } else if (part.type === 'error') {
        throw part.error;
      } else if (part.type === 'abort') {
        throw new RunCancelled();
      }
    }
    if (messageId) stream.append('chat.text_end', { message_id: messageId, agent, content: text });
    state.history.push({ role: 'agent', agent, content: text, tool_calls: calls.map(({ id, name, args }) => ({ id, name, args })) });

    if (definition.structured_output && calls.length === 0) {
      let output: unknown;
      try {
        output = definition.structured_output.parse(JSON.parse(text));
      } catch {
        stream.append('chat.error', { detail: `${agent}'s answer did not match its structured output`, error_code: 'STRUCTURED_OUTPUT_INVALID' });
        output = null;
      }
      if (output !== null) {
        state.context[agent] = output;
        stream.append('chat.structured_output', { agent, output });
      }
    }
    if (calls.length === 0) break;

    for (const call of calls) {
      const tool = tools.get(call.name);
      let outcome: unknown;
      if (!tool || call.invalid) {
        outcome = { error: tool ? `Invalid arguments: ${call.invalid}` : `There is no tool named ${call.name}`, error_code: 'INVALID_TOOL_CALL' };
      } else if (tool.handoffTarget) {
        handoff = tool.handoffTarget;
        outcome = { handed_off_to: tool.handoffTarget };
      } else {
        outcome = await callTool(scope, agent, tool, call);
      }
      state.history.push({ role: 'tool', agent, tool_call_id: call.id, tool_name: call.name, result: outcome });
    }
  }
  return handoff;
}

/** Cancels what a run left open, so the stored history stays well-formed (every tool call answered). */
function closeDanglingCalls(history: HistoryEntry[]): void {
  const answered = new Set(history.flatMap((entry) => (entry.role === 'tool' ? [entry.tool_call_id] : [])));
  for (const entry of [...history]) {
    if (entry.role !== 'agent') continue;
    for (const call of entry.tool_calls) {
      if (!answered.has(call.id)) history.push({ role: 'tool', agent: entry.agent, tool_call_id: call.id, tool_name: call.name, result: { error: 'The run stopped before this call ran', error_code: 'RUN_STOPPED' } });
    }
  }
}

async function execute(scope: RunScope, userMessage: string | null): Promise<void> {
  const { workflow, stream, state, identity, chat, run } = scope;
  stream.append('chat.run_start', { run_id: run.runId, workflow_name: workflow.name });
  if (userMessage !== null) {
    state.history.push({ role: 'user', content: userMessage });
    stream.append('chat.user_message', { message_id: randomUUID(), content: userMessage });
  }
  let agent = state.currentAgent ?? firstSpeaker(workflow);
  let reason: SpeakerReason = state.currentAgent ? 'user_reply' : 'initial';
  let previous: string | null = null;
  let ending: RunEndReason = 'awaiting_user';
  try {
    for (let turn = 0; ; turn++) {
      if (turn >= workflow.max_turns) {
        ending = 'max_turns';
        break;
      }
      await assertWithinBudget(identity);
      stream.append('chat.select_speaker', { agent, previous, reason });
      let chosen: string | null;
      try {
        chosen = await agentTurn(scope, agent);
      } finally {
        await recordSpent(scope);
      }
      state.currentAgent = agent;
      const next = nextSpeaker({ workflow, agent, chosen, context: state.context, turn, seed: chat._id });
      if (next.target === USER_TARGET) break;
      if (next.target === TERMINATE_TARGET) {
        ending = 'terminated';
        break;
      }
      previous = agent;
      agent = next.target;
      reason = next.reason;
    }
  } catch (error) {
    if (error instanceof RunCancelled || run.controller.signal.aborted) ending = 'cancelled';
    else if (isApiError(error) && error.errorCode === 'TOKEN_BUDGET_EXCEEDED') {
      ending = 'budget_exceeded';
      stream.append('chat.error', { detail: error.detail, error_code: 'TOKEN_BUDGET_EXCEEDED' });
    } else {
      ending = 'failed';
      logger.error('AI run failed', { chat_id: chat._id, workflow: workflow.name, error });
      const detail = getEnv().isProduction ? 'The assistant failed to answer; try again' : `The assistant failed to answer: ${(error as Error)?.message ?? String(error)}`;
      stream.append('chat.error', { detail, error_code: isApiError(error) ? String(error.errorCode) : 'MODEL_ERROR' });
    }
  }
  closeDanglingCalls(state.history);
  const status = ending === 'terminated' ? 1 : 0;
  const total = state.usage.input_tokens + state.usage.output_tokens;
  stream.append('chat.usage_summary', { ...state.usage, total_tokens: total });
  stream.append('chat.run_complete', { run_id: run.runId, reason: ending, status });
  // Every event stored before the chat is given back: the next run may start on another instance, and
  // it numbers its events after the last stored one. The state and the release are one write, so no
  // instance sees the run's end without being able to start the next one.
  await stream.flush();
  await updateChat(identity, chat._id, {
    run: null,
    history: state.history,
    context: state.context,
    current_agent: state.currentAgent,
    last_artifact: state.lastArtifact,
    pending_inputs: [],
    state: ending === 'terminated' ? 'completed' : ending === 'failed' ? 'failed' : 'idle',
    status,
    last_sequence: stream.lastSeq,
    usage: { input_tokens: chat.usage.input_tokens + state.usage.input_tokens, output_tokens: chat.usage.output_tokens + state.usage.output_tokens },
  });
}

const chatBusy = () => new ApiError('CHAT_BUSY', 'The assistant is still working on this chat: wait for it to finish, or stop it');

/**
 * Starts a run of the chat and returns once it holds the chat; the run streams to the chat's room.
 * `userMessage` is the user's new message (null when the agent speaks first). Refuses (409 CHAT_BUSY)
 * while another run of the chat is in progress, on this instance or another (lib/ai/chats/lease.ts).
 */
export async function startRun({
  identity,
  chatId,
  workflow,
  stream,
  userMessage,
  correlationId,
}: {
  identity: Identity;
  chatId: string;
  workflow: WorkflowDefinition;
  stream: ChatStream;
  userMessage: string | null;
  correlationId?: string;
}): Promise<ActiveRun> {
  if (activeRun(identity, chatId)) throw chatBusy();
  const run: ActiveRun = { runId: randomUUID(), chatId, owner: { app_id: identity.app_id, user_id: identity.user_id }, controller: new AbortController(), inputs: new Map(), finished: Promise.resolve() };
  // Registered before the claim's await, so a second request here meanwhile is refused at once.
  registerRun(run);
  let chat: ChatSession | null;
  try {
    if (!(await claimChat(identity, chatId, run.runId))) throw chatBusy();
    // Read under the claim, with the events: the previous run, maybe on another instance, has stored
    // its history and events before giving the chat back.
    [chat] = await Promise.all([findChat(identity, chatId), stream.catchUp()]);
    if (!chat) throw new ApiError('NOT_FOUND', 'Chat not found');
  } catch (error) {
    unregisterRun(run);
    await releaseChat(identity, chatId, run.runId).catch((cause: unknown) => logger.warn('chat lease not released; it lapses', { chat_id: chatId, error: cause }));
    throw error;
  }
  stream.active = true;
  const stopRenewing = keepClaim(identity, chatId, run.runId);
  const scope: RunScope = {
    run,
    identity,
    chat,
    workflow,
    stream,
    correlationId,
    state: { history: [...chat.history], context: { ...chat.context }, currentAgent: chat.current_agent, lastArtifact: chat.last_artifact, usage: { input_tokens: 0, output_tokens: 0 }, unrecorded: { input_tokens: 0, output_tokens: 0 } },
  };
  run.finished = updateChat(identity, chatId, { state: 'running' })
    .then(() => execute(scope, userMessage))
    .catch((error: unknown) => logger.error('AI run could not be stored', { chat_id: chatId, error }))
    .finally(() => {
      stopRenewing();
      stream.active = false;
      unregisterRun(run);
      return releaseChat(identity, chatId, run.runId).catch((error: unknown) => logger.warn('chat lease not released; it lapses', { chat_id: chatId, error }));
    });
  // The run goes on after the request that started it has answered (it streams to the chat).
  keepAliveUntilSettled(run.finished);
  return run;
}
