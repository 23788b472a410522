/**
 * The AI runtime's HTTP answers as zod schemas: what the chat, session and workflow endpoints
 * declare as their output (lib/api/endpoints/ai.ts), and so what the API reference shows. Each one
 * `satisfies` the TypeScript type the runtime returns, so the two cannot drift apart.
 */
import { z } from 'zod';
import type { describeWorkflow, workflowTools } from './workflows/describe';
import { ORCHESTRATION_PATTERNS } from './workflows/definition';
import { artifactSchema, type ChatEventType, type ChatMeta, type ChatState, type InputRequest, type StartChatResult } from './protocol';
import type { SessionSummary } from './runtime/chats';

const isoDate = z.iso.datetime();

/** The reference's integer status. */
const chatStatus = z.union([z.literal(0), z.literal(1)]).describe('0: in progress, 1: completed');

const CHAT_STATES: Record<ChatState, true> = { idle: true, running: true, waiting_input: true, completed: true, failed: true };
const chatState = z.enum(Object.keys(CHAT_STATES) as [ChatState, ...ChatState[]]).describe('What the runtime is doing with the chat now');

const lastArtifact = z.object({ artifact_id: z.string(), artifact: artifactSchema }).nullable().describe('The artifact last shown in the panel');

export const inputRequestSchema = z.object({
  input_request_id: z.string(),
  kind: z.enum(['approval', 'text']).describe('An approval of a tool call, or a question for the user'),
  prompt: z.string(),
  agent: z.string(),
  tool_call_id: z.string().optional(),
  tool_name: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
}) satisfies z.ZodType<InputRequest>;

export const chatMetaSchema = z.object({
  exists: z.literal(true),
  chat_id: z.string(),
  workflow_name: z.string(),
  app_id: z.string(),
  user_id: z.string(),
  title: z.string(),
  status: chatStatus,
  state: chatState,
  last_sequence: z.number().int().describe('The `seq` of the chat’s last event'),
  pending_inputs: z.array(inputRequestSchema).describe('Open input requests (approvals, questions) the user has not answered yet'),
  last_artifact: lastArtifact,
  has_children: z.literal(false),
  cache_seed: z.number().nullable(),
  created_at: isoDate,
  last_updated_at: isoDate,
}) satisfies z.ZodType<ChatMeta>;

export const startChatResultSchema = z.object({
  success: z.literal(true),
  chat_id: z.string(),
  workflow_name: z.string(),
  app_id: z.string(),
  user_id: z.string(),
  websocket_url: z.string().describe('Socket.IO’s path; join with `chat.join {chat_id}`'),
  message: z.string(),
  reused: z.boolean().describe('An open chat of this workflow was returned instead of a new one'),
  cache_seed: z.number().nullable(),
}) satisfies z.ZodType<StartChatResult>;

const CHAT_EVENT_TYPES: Record<ChatEventType, true> = {
  'chat.run_start': true,
  'chat.select_speaker': true,
  'chat.user_message': true,
  'chat.text_start': true,
  'chat.text': true,
  'chat.text_end': true,
  'chat.tool_call': true,
  'chat.tool_response': true,
  'chat.input_request': true,
  'chat.input_ack': true,
  'chat.artifact': true,
  'chat.structured_output': true,
  'chat.usage_delta': true,
  'chat.usage_summary': true,
  'chat.run_complete': true,
  'chat.error': true,
};

/** One event of a chat's stream; `data`'s fields depend on `type` (ChatEventData in lib/ai/protocol.ts). */
export const chatEventSchema = z.object({
  type: z.enum(Object.keys(CHAT_EVENT_TYPES) as [ChatEventType, ...ChatEventType[]]),
  chat_id: z.string(),
  seq: z.number().int().describe('1, 2, 3… per chat'),
  timestamp: isoDate,
  data: z.record(z.string(), z.unknown()).describe('The event’s fields, by `type`'),
});

export const sessionSummarySchema = z.object({
  chat_id: z.string(),
  workflow_name: z.string(),
  title: z.string(),
  status: chatStatus,
  created_at: isoDate,
  last_updated_at: isoDate,
  last_artifact: lastArtifact,
}) satisfies z.ZodType<SessionSummary>;

const handoffSchema = z.object({
  source_agent: z.string(),
  target_agent: z.string().describe('An agent, `user` or `terminate`'),
  handoff_type: z.enum(['after_work', 'condition']),
  condition: z.string().optional(),
});

export const workflowDescriptionSchema = z.object({
  name: z.string(),
  display_name: z.string(),
  description: z.string(),
  icon: z.string(),
  orchestration_pattern: z.enum(ORCHESTRATION_PATTERNS),
  startup_mode: z.enum(['AgentDriven', 'UserDriven']).describe('`AgentDriven`: the first agent speaks when the chat starts'),
  human_in_the_loop: z.boolean(),
  max_turns: z.number().int(),
  initial_agent: z.string(),
  visual_agents: z.array(z.string()).describe('Agents whose text the user sees'),
  agents: z.record(z.string(), z.object({ description: z.string(), tools: z.array(z.string()), structured_output: z.boolean() })),
  handoffs: z.array(handoffSchema),
}) satisfies z.ZodType<ReturnType<typeof describeWorkflow>>;

export const workflowToolSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  agents: z.array(z.string()).describe('The agents that may call it'),
  requires_approval: z.boolean(),
  kind: z.enum(['function', 'plugin', 'handoff']),
  input_schema: z.unknown().describe('Its input, as a JSON Schema'),
}) satisfies z.ZodType<ReturnType<typeof workflowTools>[number]>;
