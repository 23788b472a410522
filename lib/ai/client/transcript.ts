/**
 * Folds a chat's streamed events (lib/ai/protocol.ts) into what the chat UI shows: the transcript's
 * items in order, the questions waiting for the user, the artifacts, the run's state and its tokens.
 * Pure and framework-free: the same events always give the same view, whichever tab or order of
 * reconnects delivered them, because every event at or below `lastSeq` is ignored.
 */
import type { AnyChatEvent, Artifact, ChatMeta, ChatState, InputRequest, RunEndReason, SpeakerReason, ToolErrorInfo } from '../protocol';

/** What the run is doing, as the composer and indicators need it. */
export type RunState = 'idle' | 'running' | 'waiting' | 'completed' | 'failed';

/** A tool call's lifecycle. `cancelled`: the run ended before it finished or was approved. */
export type ToolStatus = 'pending' | 'awaiting_approval' | 'ok' | 'error' | 'denied' | 'cancelled';

/** An input request's lifecycle: open until the user answers it or the run stops. */
export type InputState = 'open' | 'approved' | 'denied' | 'answered' | 'cancelled';

export interface UserMessageItem {
  kind: 'user';
  key: string;
  content: string;
  /** Shown at once when sent, until the server's echo of it arrives. */
  isPending: boolean;
}

export interface AgentTextItem {
  kind: 'text';
  key: string;
  messageId: string;
  agent: string;
  content: string;
  isStreaming: boolean;
}

export interface ToolCallItem {
  kind: 'tool';
  key: string;
  toolCallId: string;
  toolName: string;
  title: string;
  agent: string;
  args: Record<string, unknown>;
  status: ToolStatus;
  result?: unknown;
  error?: ToolErrorInfo;
}

export interface InputRequestItem {
  kind: 'input';
  key: string;
  request: InputRequest;
  state: InputState;
}

/** Another agent took the turn (a handoff), shown as a small divider. */
export interface SpeakerItem {
  kind: 'speaker';
  key: string;
  agent: string;
  previous: string | null;
  reason: SpeakerReason;
}

export interface ErrorItem {
  kind: 'error';
  key: string;
  detail: string;
  errorCode: string;
}

export type TranscriptItem = UserMessageItem | AgentTextItem | ToolCallItem | InputRequestItem | SpeakerItem | ErrorItem;

export interface ArtifactView {
  artifactId: string;
  agent: string;
  artifact: Artifact;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface TranscriptState {
  chatId: string;
  /** The highest `seq` applied; the `last_sequence` to join with after a reconnect. */
  lastSeq: number;
  items: TranscriptItem[];
  /** Questions the user has not answered yet, oldest first. */
  openInputs: InputRequest[];
  /** Newest first; the first one is the current artifact. */
  artifacts: ArtifactView[];
  runState: RunState;
  runEndReason: RunEndReason | null;
  /** The agent that has the turn. */
  currentAgent: string | null;
  /** Tokens of the whole chat. */
  usage: TokenUsage;
  /** The latest visible agent message that finished, for the screen-reader announcement. */
  lastCompleted: { messageId: string; agent: string; content: string; seq: number } | null;
  /** Messages an agent marked `visible: false`: their chunks are dropped. */
  hiddenMessageIds: Readonly<Record<string, true>>;
  /** Chat tokens before the current run, so the run's summary can replace the sum of its deltas. */
  usageBeforeRun: TokenUsage;
}

const NO_TOKENS: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

const RUN_STATE_OF: Record<ChatState, RunState> = {
  idle: 'idle',
  running: 'running',
  waiting_input: 'waiting',
  completed: 'completed',
  failed: 'failed',
};

/** An empty transcript for a chat: nothing applied yet, so a join asks for every event (-1). */
export function createTranscript(chatId: string): TranscriptState {
  return {
    chatId,
    lastSeq: -1,
    items: [],
    openInputs: [],
    artifacts: [],
    runState: 'idle',
    runEndReason: null,
    currentAgent: null,
    usage: NO_TOKENS,
    lastCompleted: null,
    hiddenMessageIds: {},
    usageBeforeRun: NO_TOKENS,
  };
}

const keyOf = {
  user: (messageId: string) => `user:${messageId}`,
  text: (messageId: string) => `text:${messageId}`,
  tool: (toolCallId: string) => `tool:${toolCallId}`,
  input: (inputRequestId: string) => `input:${inputRequestId}`,
};

function findItem<K extends TranscriptItem['kind']>(state: TranscriptState, kind: K, key: string): Extract<TranscriptItem, { kind: K }> | undefined {
  const item = state.items.find((candidate) => candidate.key === key);
  return item?.kind === kind ? (item as Extract<TranscriptItem, { kind: K }>) : undefined;
}

function replaceItem(items: TranscriptItem[], key: string, update: (item: TranscriptItem) => TranscriptItem): TranscriptItem[] {
  return items.map((item) => (item.key === key ? update(item) : item));
}

/** Items that pend at the end (the user's unsent echoes) stay after everything the server sends. */
function appendItem(items: TranscriptItem[], item: TranscriptItem): TranscriptItem[] {
  const firstPending = items.findIndex((candidate) => candidate.kind === 'user' && candidate.isPending);
  if (firstPending === -1) return [...items, item];
  return [...items.slice(0, firstPending), item, ...items.slice(firstPending)];
}

const isFinished = (status: ToolStatus) => status === 'ok' || status === 'error' || status === 'denied' || status === 'cancelled';

/** Applies one event. Events of another chat, and any at or below `lastSeq`, change nothing. */
export function applyEvent(state: TranscriptState, event: AnyChatEvent): TranscriptState {
  if (event.chat_id !== state.chatId || event.seq <= state.lastSeq) return state;
  return { ...foldEvent(state, event), lastSeq: event.seq };
}

/** Applies events in order (a replay after joining). */
export function applyEvents(state: TranscriptState, events: readonly AnyChatEvent[]): TranscriptState {
  return [...events].sort((a, b) => a.seq - b.seq).reduce(applyEvent, state);
}

function foldEvent(state: TranscriptState, event: AnyChatEvent): TranscriptState {
  switch (event.type) {
    case 'chat.run_start':
      return { ...state, runState: 'running', runEndReason: null, usageBeforeRun: state.usage };

    case 'chat.select_speaker': {
      const { agent, previous, reason } = event.data;
      // The same agent keeping the turn (a new run of a one-agent chat) is no change worth a divider.
      if (agent === state.currentAgent) return state;
      const divider: SpeakerItem = { kind: 'speaker', key: `speaker:${event.seq}`, agent, previous: previous ?? state.currentAgent, reason };
      return { ...state, currentAgent: agent, items: appendItem(state.items, divider) };
    }

    case 'chat.user_message': {
      const { message_id, content } = event.data;
      if (findItem(state, 'user', keyOf.user(message_id))) return state;
      const confirmed: UserMessageItem = { kind: 'user', key: keyOf.user(message_id), content, isPending: false };
      // The echo of a message this tab sent: it takes the pending bubble's place.
      const pending = state.items.findIndex((item) => item.kind === 'user' && item.isPending && item.content === content);
      const items = pending === -1 ? state.items : state.items.filter((_item, index) => index !== pending);
      return { ...state, items: appendItem(items, confirmed) };
    }

    case 'chat.text_start': {
      const { message_id, agent, visible } = event.data;
      if (!visible) return { ...state, hiddenMessageIds: { ...state.hiddenMessageIds, [message_id]: true } };
      if (findItem(state, 'text', keyOf.text(message_id))) return state;
      const item: AgentTextItem = { kind: 'text', key: keyOf.text(message_id), messageId: message_id, agent, content: '', isStreaming: true };
      return { ...state, items: appendItem(state.items, item) };
    }

    case 'chat.text': {
      const { message_id, agent, delta } = event.data;
      if (state.hiddenMessageIds[message_id]) return state;
      const key = keyOf.text(message_id);
      const existing = findItem(state, 'text', key);
      // A chunk of a message whose start this client never saw still shows.
      if (!existing) {
        const item: AgentTextItem = { kind: 'text', key, messageId: message_id, agent, content: delta, isStreaming: true };
        return { ...state, items: appendItem(state.items, item) };
      }
      // The message already ended: its final content stands.
      if (!existing.isStreaming) return state;
      return { ...state, items: replaceItem(state.items, key, () => ({ ...existing, content: existing.content + delta })) };
    }

    case 'chat.text_end': {
      const { message_id, agent, content } = event.data;
      if (state.hiddenMessageIds[message_id]) return state;
      const key = keyOf.text(message_id);
      const done: AgentTextItem = { kind: 'text', key, messageId: message_id, agent, content, isStreaming: false };
      const items = findItem(state, 'text', key) ? replaceItem(state.items, key, () => done) : appendItem(state.items, done);
      return { ...state, items, lastCompleted: content.trim() ? { messageId: message_id, agent, content, seq: event.seq } : state.lastCompleted };
    }

    case 'chat.tool_call': {
      const { tool_call_id, tool_name, title, agent, args, requires_approval } = event.data;
      const key = keyOf.tool(tool_call_id);
      const existing = findItem(state, 'tool', key);
      if (existing) {
        return { ...state, items: replaceItem(state.items, key, () => ({ ...existing, toolName: tool_name, title, agent, args })) };
      }
      const status: ToolStatus = requires_approval ? 'awaiting_approval' : 'pending';
      const item: ToolCallItem = { kind: 'tool', key, toolCallId: tool_call_id, toolName: tool_name, title, agent, args, status };
      return { ...state, items: appendItem(state.items, item) };
    }

    case 'chat.tool_response': {
      const { tool_call_id, tool_name, status, result, error } = event.data;
      const key = keyOf.tool(tool_call_id);
      const existing = findItem(state, 'tool', key);
      const outcome = { status, ...(result !== undefined ? { result } : {}), ...(error ? { error } : {}) };
      if (!existing) {
        const item: ToolCallItem = { kind: 'tool', key, toolCallId: tool_call_id, toolName: tool_name, title: tool_name, agent: state.currentAgent ?? '', args: {}, ...outcome };
        return { ...state, items: appendItem(state.items, item) };
      }
      return { ...state, items: replaceItem(state.items, key, () => ({ ...existing, ...outcome })) };
    }

    case 'chat.input_request':
      return openInputRequest(state, event.data);

    case 'chat.input_ack': {
      const { input_request_id, status } = event.data;
      const inputKey = keyOf.input(input_request_id);
      const request = findItem(state, 'input', inputKey)?.request ?? state.openInputs.find((open) => open.input_request_id === input_request_id);
      let items = replaceItem(state.items, inputKey, (item) => (item.kind === 'input' ? { ...item, state: status } : item));
      if (request?.tool_call_id) {
        const toolStatus: ToolStatus = status === 'approved' ? 'pending' : status === 'denied' ? 'denied' : status === 'cancelled' ? 'cancelled' : 'pending';
        items = replaceItem(items, keyOf.tool(request.tool_call_id), (item) =>
          item.kind === 'tool' && item.status === 'awaiting_approval' ? { ...item, status: toolStatus } : item,
        );
      }
      const openInputs = state.openInputs.filter((open) => open.input_request_id !== input_request_id);
      const runState = state.runState === 'waiting' && openInputs.length === 0 ? 'running' : state.runState;
      return { ...state, items, openInputs, runState };
    }

    case 'chat.artifact': {
      const { artifact_id, agent, artifact } = event.data;
      return { ...state, artifacts: [{ artifactId: artifact_id, agent, artifact }, ...state.artifacts.filter((known) => known.artifactId !== artifact_id)] };
    }

    case 'chat.usage_delta': {
      const { input_tokens, output_tokens } = event.data;
      const usage = {
        inputTokens: state.usage.inputTokens + input_tokens,
        outputTokens: state.usage.outputTokens + output_tokens,
        totalTokens: state.usage.totalTokens + input_tokens + output_tokens,
      };
      return { ...state, usage };
    }

    case 'chat.usage_summary': {
      const { input_tokens, output_tokens, total_tokens } = event.data;
      const before = state.usageBeforeRun;
      const usage = { inputTokens: before.inputTokens + input_tokens, outputTokens: before.outputTokens + output_tokens, totalTokens: before.totalTokens + total_tokens };
      return { ...state, usage };
    }

    case 'chat.run_complete': {
      const { reason, status } = event.data;
      const runState: RunState = reason === 'failed' ? 'failed' : status === 1 ? 'completed' : 'idle';
      // Nothing of a finished run keeps spinning: unfinished messages, tools and questions end with it.
      const items = state.items.map((item): TranscriptItem => {
        if (item.kind === 'text' && item.isStreaming) return { ...item, isStreaming: false };
        if (item.kind === 'tool' && !isFinished(item.status)) return { ...item, status: 'cancelled' };
        if (item.kind === 'input' && item.state === 'open') return { ...item, state: 'cancelled' };
        return item;
      });
      return { ...state, items, openInputs: [], runState, runEndReason: reason, usageBeforeRun: state.usage };
    }

    case 'chat.error': {
      const { detail, error_code } = event.data;
      return { ...state, items: appendItem(state.items, { kind: 'error', key: `error:${event.seq}`, detail, errorCode: error_code }) };
    }

    // An event type this page does not show (or one newer than its code) only moves `lastSeq`.
    default:
      return state;
  }
}

function openInputRequest(state: TranscriptState, request: InputRequest): TranscriptState {
  const key = keyOf.input(request.input_request_id);
  if (findItem(state, 'input', key)) return state;
  let items = appendItem(state.items, { kind: 'input', key, request, state: 'open' });
  if (request.kind === 'approval' && request.tool_call_id) {
    items = replaceItem(items, keyOf.tool(request.tool_call_id), (item) => (item.kind === 'tool' && item.status === 'pending' ? { ...item, status: 'awaiting_approval' } : item));
  }
  return { ...state, items, openInputs: [...state.openInputs, request], runState: 'waiting' };
}

/**
 * Takes in the chat's meta (the answer to `chat.join`). Only a meta at least as new as the transcript
 * may set the run state: an older one would undo events already applied.
 */
export function applyMeta(state: TranscriptState, meta: ChatMeta): TranscriptState {
  if (meta.chat_id !== state.chatId || meta.last_sequence < state.lastSeq) return state;
  let next = state;
  for (const request of meta.pending_inputs) {
    if (!next.openInputs.some((open) => open.input_request_id === request.input_request_id)) next = openInputRequest(next, request);
  }
  next = { ...next, runState: RUN_STATE_OF[meta.state] };
  if (meta.last_artifact && !next.artifacts.some((known) => known.artifactId === meta.last_artifact?.artifact_id)) {
    const { artifact_id, artifact } = meta.last_artifact;
    next = { ...next, artifacts: [{ artifactId: artifact_id, agent: '', artifact }, ...next.artifacts] };
  }
  return next;
}

/** Shows a message the user just sent, under a key of the caller's choosing, until its echo arrives. */
export function addPendingMessage(state: TranscriptState, key: string, content: string): TranscriptState {
  const item: UserMessageItem = { kind: 'user', key, content, isPending: true };
  return { ...state, items: [...state.items, item] };
}

/** Removes a pending bubble (its send failed). Once confirmed by the server it is no longer pending and stays. */
export function dropPendingMessage(state: TranscriptState, key: string): TranscriptState {
  const items = state.items.filter((item) => !(item.key === key && item.kind === 'user' && item.isPending));
  return items.length === state.items.length ? state : { ...state, items };
}

/** Whether an agent is streaming a message right now (the typing indicator shows otherwise). */
export function isStreaming(state: TranscriptState): boolean {
  return state.items.some((item) => item.kind === 'text' && item.isStreaming);
}
