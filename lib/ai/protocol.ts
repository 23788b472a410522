/**
 * The chat wire protocol: what the server streams to a chat's sockets, and what clients send back.
 * Shared by the runtime and the browser, so it imports nothing from the server.
 *
 * Every event of a chat carries a `seq`, 1, 2, 3… per chat, persisted with the event. A client keeps
 * the highest `seq` it applied; after a reconnect it joins with that number and receives exactly the
 * events after it (see lib/ai/chats/stream.ts), so a transcript is never missing or doubling a chunk.
 */
import { z } from 'zod';

/** The Socket.IO event every chat event is emitted as, to the room `chat:<chat_id>`. */
export const CHAT_EVENT = 'chat:event';

/** The reference's `core.*` artifact primitives (§8.5), rendered in the artifact panel. */
const artifactAction = z.object({
  label: z.string(),
  /** A message sent to the chat on click, as if the user typed it. */
  message: z.string().optional(),
  style: z.enum(['primary', 'secondary', 'ghost', 'danger']).default('secondary'),
});
export const artifactSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('core.markdown'), title: z.string().optional(), body: z.string(), actions: z.array(artifactAction).default([]) }),
  z.object({
    type: z.literal('core.card'),
    title: z.string(),
    subtitle: z.string().optional(),
    body: z.string().optional(),
    metadata: z.array(z.object({ label: z.string(), value: z.string() })).default([]),
    actions: z.array(artifactAction).default([]),
  }),
  z.object({
    type: z.literal('core.list'),
    title: z.string().optional(),
    items: z.array(z.object({ id: z.string(), title: z.string(), subtitle: z.string().optional() })),
    actions: z.array(artifactAction).default([]),
  }),
  z.object({
    type: z.literal('core.table'),
    title: z.string().optional(),
    columns: z.array(z.object({ key: z.string(), label: z.string(), type: z.enum(['text', 'badge', 'number']).default('text') })),
    rows: z.array(z.record(z.string(), z.unknown())),
    actions: z.array(artifactAction).default([]),
  }),
  z.object({
    type: z.literal('core.form'),
    title: z.string().optional(),
    fields: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        type: z.enum(['text', 'textarea', 'number', 'date', 'select', 'checkbox']).default('text'),
        required: z.boolean().default(false),
        options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      }),
    ),
    /** The fields' values are sent to the chat as a message starting with this label. */
    submit_label: z.string().default('Submit'),
  }),
]);
export type Artifact = z.output<typeof artifactSchema>;
export type ArtifactInput = z.input<typeof artifactSchema>;

/** Why a run ended. `awaiting_user`: the workflow handed the turn back to the user; the chat stays open. */
export type RunEndReason = 'awaiting_user' | 'terminated' | 'max_turns' | 'cancelled' | 'failed' | 'budget_exceeded';

/** Why an agent got the turn. */
export type SpeakerReason = 'initial' | 'user_reply' | 'handoff' | 'after_work' | 'condition' | 'round_robin' | 'random' | 'auto';

export interface ToolErrorInfo {
  detail: string;
  error_code: string;
}

/** A question only the chat's user may answer: an approval for a destructive tool, or a tool's question. */
export interface InputRequest {
  input_request_id: string;
  kind: 'approval' | 'text';
  prompt: string;
  agent: string;
  tool_call_id?: string;
  tool_name?: string;
  args?: Record<string, unknown>;
}

/** The data of each event type, server → client. */
export interface ChatEventData {
  /** A run began: on start, or on each user message. */
  'chat.run_start': { run_id: string; workflow_name: string };
  /** An agent has the turn. */
  'chat.select_speaker': { agent: string; previous: string | null; reason: SpeakerReason };
  /** The user's message, as stored (echoed to every tab). */
  'chat.user_message': { message_id: string; content: string };
  /** An agent began a text message. */
  'chat.text_start': { message_id: string; agent: string; visible: boolean };
  /** A chunk of it. */
  'chat.text': { message_id: string; agent: string; delta: string };
  /** It ended; `content` is the whole message. */
  'chat.text_end': { message_id: string; agent: string; content: string };
  /** An agent called a tool. `requires_approval`: it waits for the user's decision (a `chat.input_request`). */
  'chat.tool_call': { tool_call_id: string; tool_name: string; title: string; agent: string; args: Record<string, unknown>; requires_approval: boolean };
  /** A tool finished, failed, or was denied by the user. */
  'chat.tool_response': { tool_call_id: string; tool_name: string; status: 'ok' | 'error' | 'denied'; result?: unknown; error?: ToolErrorInfo };
  'chat.input_request': InputRequest;
  /** An input request was answered (or lapsed when the run stopped). */
  'chat.input_ack': { input_request_id: string; status: 'approved' | 'denied' | 'answered' | 'cancelled' };
  /** An artifact for the panel. */
  'chat.artifact': { artifact_id: string; agent: string; artifact: Artifact };
  /** An agent's structured output, validated against its schema (also stored in the chat's context under the agent's name). */
  'chat.structured_output': { agent: string; output: unknown };
  /** Tokens of one model call. */
  'chat.usage_delta': { agent: string; input_tokens: number; output_tokens: number };
  /** Tokens of the run. */
  'chat.usage_summary': { input_tokens: number; output_tokens: number; total_tokens: number };
  'chat.run_complete': { run_id: string; reason: RunEndReason; status: ChatStatus };
  'chat.error': ToolErrorInfo;
}
export type ChatEventType = keyof ChatEventData;

/** One streamed event. */
export type ChatEvent<T extends ChatEventType = ChatEventType> = {
  type: T;
  chat_id: string;
  seq: number;
  timestamp: string;
  data: ChatEventData[T];
};

/** Any one event, narrowed by `type`. */
export type AnyChatEvent = { [T in ChatEventType]: ChatEvent<T> }[ChatEventType];

/** The reference's integer status: 0 in progress, 1 completed. */
export type ChatStatus = 0 | 1;

/** What the runtime is doing with a chat right now. */
export type ChatState = 'idle' | 'running' | 'waiting_input' | 'completed' | 'failed';

/** `GET /api/chats/meta/…` and the answer to `chat.join`. */
export interface ChatMeta {
  exists: true;
  chat_id: string;
  workflow_name: string;
  app_id: string;
  user_id: string;
  title: string;
  status: ChatStatus;
  state: ChatState;
  last_sequence: number;
  /** Open input requests (approvals, questions) the user has not answered yet. */
  pending_inputs: InputRequest[];
  last_artifact: { artifact_id: string; artifact: Artifact } | null;
  has_children: false;
  cache_seed: number | null;
  created_at: string;
  last_updated_at: string;
}

/** The answer to `POST /api/chats/{app_id}/{workflow_name}/start`. */
export interface StartChatResult {
  success: true;
  chat_id: string;
  workflow_name: string;
  app_id: string;
  user_id: string;
  /** Socket.IO's path; join with `chat.join {chat_id}` (the reference's per-chat WebSocket URL has no equivalent). */
  websocket_url: string;
  message: string;
  /** An open chat of this workflow was returned instead of a new one. */
  reused: boolean;
  cache_seed: number | null;
}

// Client → server socket messages. Each is answered through the Socket.IO acknowledgement callback.

export const chatJoinMessage = z.object({
  chat_id: z.string().min(1).max(200),
  /** The highest `seq` the client already has; events after it are replayed. -1 or absent: all. */
  last_sequence: z.number().int().min(-1).default(-1),
});
export const chatLeaveMessage = z.object({ chat_id: z.string().min(1).max(200) });
export const userInputMessage = z.object({
  chat_id: z.string().min(1).max(200),
  /** Answers this input request; without it, `text` is a new user message to the workflow. */
  input_request_id: z.string().min(1).max(200).optional(),
  text: z.string().max(20_000).default(''),
  /** For approvals: the user's decision. */
  decision: z.enum(['approve', 'deny']).optional(),
});
export const chatStopMessage = z.object({ chat_id: z.string().min(1).max(200) });

/** Socket.IO event names clients send. `client.resume` is the reference's name for `chat.join`. */
export const CLIENT_MESSAGES = {
  join: 'chat.join',
  resume: 'client.resume',
  leave: 'chat.leave',
  input: 'user.input.submit',
  stop: 'chat.stop',
} as const;

/** The acknowledgement of any client message. */
export type ChatAck<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; detail: string; error_code: string };
