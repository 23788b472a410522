/** AI: capabilities, workflows, chats and their sessions (see docs/ai.md); a chat's live events go over Socket.IO, or SSE without it. */
import { z } from 'zod';
import {
  assertOwnApp,
  assertOwnUser,
  availableWorkflows,
  describeWorkflow,
  getChatEvents,
  getChatMeta,
  getWorkflows,
  launchCapability,
  listCapabilities,
  listChatIds,
  listSessions,
  MAX_MESSAGE_LENGTH,
  requireWorkflow,
  sendMessage,
  startChat as startWorkflowChat,
  stopChat as stopChatRun,
  submitInput,
  workflowTools,
} from '@/lib/ai';
import { chatEventSchema, chatMetaSchema, sessionSummarySchema, startChatResultSchema, workflowDescriptionSchema, workflowToolSchema } from '@/lib/ai/answers';
import { chatEventStream } from '@/lib/ai/transport/sse';
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { endpoint } from '../endpoint';

/** Starting a chat (directly or through a capability): one allowance per user. */
const CHAT_START_LIMIT = { name: 'chat-start', perMinute: 60 };

/** A chat's path names the caller's app; another app's id is refused. */
const appParam = z.string().describe('The caller’s app id (403 for any other)');

// ---- Capabilities ----

export const listAiCapabilities = endpoint({
  method: 'GET',
  path: '/api/ai/capabilities',
  tags: ['AI'],
  summary: 'The AI features this user may launch',
  output: z.object({
    capabilities: z.array(
      z.object({
        id: z.string(),
        display_name: z.string(),
        description: z.string(),
        icon: z.string(),
        visibility: z.enum(['user', 'admin']),
        enabled: z.boolean(),
        allowed: z.literal(true),
        workflow_id: z.string().nullable().describe('The workflow it launches'),
      }),
    ),
    plan: z.string().describe('The user’s plan (`free` with MONETIZATION=0)'),
  }),
  handler: ({ identity }) => listCapabilities(identity),
});

export const launchAiCapability = endpoint({
  method: 'POST',
  path: '/api/ai/launch',
  tags: ['AI'],
  summary: 'Start a chat of a capability’s workflow',
  rateLimit: CHAT_START_LIMIT,
  body: z.object({ capability_id: z.string({ error: 'capability_id is required' }).trim().min(1, 'capability_id is required') }),
  output: z.object({
    app_id: z.string(),
    capability_id: z.string(),
    chat_id: z.string(),
    workflow_name: z.string(),
    launch_token: z.null().describe('The chat UI is served by this app under the user’s session: no separate token'),
    expires_in: z.null(),
    runtime: z.object({ runtime_api_base_url: z.string(), runtime_ui_base_url: z.string(), chatui_url_template: z.string() }),
  }),
  // FORBIDDEN: disabled, or for superadmins; FEATURE_GATED: not on the user's plan; INTERNAL_ERROR: no workflow configured.
  errors: ['NOT_FOUND', 'FORBIDDEN', 'FEATURE_GATED', 'INTERNAL_ERROR', 'TOKEN_BUDGET_EXCEEDED'],
  handler: ({ identity, body, correlationId }) => launchCapability(identity, body.capability_id, correlationId),
});

// ---- Workflows ----

const workflows = ['Workflows'];

const workflowsByName = z.record(z.string(), workflowDescriptionSchema).describe('Every workflow, by name');
const listAll = () => Object.fromEntries([...getWorkflows().values()].map((workflow) => [workflow.name, describeWorkflow(workflow)]));

export const listWorkflows = endpoint({
  method: 'GET',
  path: '/api/workflows',
  tags: workflows,
  summary: 'Every workflow of this build, by name',
  output: workflowsByName,
  handler: listAll,
});

export const listWorkflowsConfig = endpoint({
  method: 'GET',
  path: '/api/workflows/config',
  tags: workflows,
  summary: 'The reference’s alias of GET /api/workflows',
  output: workflowsByName,
  handler: listAll,
});

/** The segment every `/api/workflows/{name}/…` path shares (a router needs one name at one place). */
const workflowParam = z.object({ name: z.string().describe('The workflow’s name') });

export const listAvailableWorkflows = endpoint({
  method: 'GET',
  path: '/api/workflows/{name}/available',
  tags: workflows,
  summary: 'The workflows the caller may start (the segment is the app id here)',
  params: z.object({ name: appParam }),
  query: z.object({ user_id: z.string().optional().describe('Must be the caller’s own, when given') }),
  output: z.object({
    workflows: z.array(
      z.object({
        workflow_name: z.string(),
        display_name: z.string(),
        description: z.string(),
        icon: z.string(),
        available: z.boolean(),
        reason: z.string().nullable().describe('Why it is not available'),
        type: z.literal('workflow'),
        required_gates: z.array(z.string()),
      }),
    ),
  }),
  errors: ['FORBIDDEN'],
  handler: ({ identity, params, query }) => {
    assertOwnApp(identity, params.name);
    if (query.user_id !== undefined && query.user_id !== identity.user_id) throw new ApiError('FORBIDDEN', 'user_id mismatch');
    return { workflows: availableWorkflows() };
  },
});

export const listWorkflowTools = endpoint({
  method: 'GET',
  path: '/api/workflows/{name}/tools',
  tags: workflows,
  summary: 'A workflow’s tools, as its agents see them',
  params: workflowParam,
  output: z.object({ workflow_name: z.string(), tools: z.array(workflowToolSchema) }),
  errors: ['NOT_FOUND'],
  handler: ({ params }) => {
    const workflow = requireWorkflow(params.name);
    return { workflow_name: workflow.name, tools: workflowTools(workflow) };
  },
});

export const getWorkflowTransport = endpoint({
  method: 'GET',
  path: '/api/workflows/{name}/transport',
  tags: workflows,
  summary: 'How clients reach a workflow’s chats',
  params: workflowParam,
  output: z.object({
    workflow_name: z.string(),
    transport: z.literal('socket.io'),
    endpoints: z.object({ websocket: z.string(), join_event: z.string(), input: z.string().describe('Where a message is posted') }),
  }),
  errors: ['NOT_FOUND'],
  handler: ({ params }) => {
    const workflow = requireWorkflow(params.name);
    return {
      workflow_name: workflow.name,
      transport: 'socket.io',
      endpoints: { websocket: '/socket.io', join_event: 'chat.join', input: '/chat/{app_id}/{chat_id}/{user_id}/input' },
    };
  },
});

export const listWorkflowUiTools = endpoint({
  method: 'GET',
  path: '/api/workflows/{name}/ui-tools',
  tags: workflows,
  summary: 'The reference’s UI tools; here tools show artifacts instead (docs/ai.md)',
  params: workflowParam,
  output: z.object({ workflow_name: z.string(), ui_tools_count: z.literal(0), ui_tools: z.array(z.unknown()).max(0).describe('None yet: workflows declare no UI tools') }),
  errors: ['NOT_FOUND'],
  handler: ({ params }) => {
    const workflow = requireWorkflow(params.name);
    return { workflow_name: workflow.name, ui_tools_count: 0, ui_tools: [] };
  },
});

// ---- Chats ----

const chats = ['Chats'];

const workflowChatParams = z.object({ app_id: appParam, workflow_name: z.string() });
const chatParams = workflowChatParams.extend({ chat_id: z.string() });

export const listChats = endpoint({
  method: 'GET',
  path: '/api/chats/{app_id}/{workflow_name}',
  tags: chats,
  summary: 'The caller’s 20 most recent chats of a workflow',
  params: workflowChatParams,
  output: z.object({ chat_ids: z.array(z.string()).describe('Newest first') }),
  errors: ['FORBIDDEN', 'NOT_FOUND'],
  handler: async ({ identity, params }) => {
    assertOwnApp(identity, params.app_id);
    requireWorkflow(params.workflow_name);
    return { chat_ids: await listChatIds(identity, params.workflow_name) };
  },
});

export const startChat = endpoint({
  method: 'POST',
  path: '/api/chats/{app_id}/{workflow_name}/start',
  tags: chats,
  summary: 'Start a chat of a workflow (or reuse a recent one)',
  rateLimit: CHAT_START_LIMIT,
  params: workflowChatParams,
  body: z.object({
    user_id: z.string().optional().describe('Must be the caller’s own, when given (the reference accepts it)'),
    client_request_id: z.string().trim().min(1).max(200).optional().describe('The same id twice returns the same chat'),
    force_new: z
      .union([z.boolean(), z.enum(['true', 'false'])])
      .default(false)
      .transform((value) => value === true || value === 'true')
      .describe('A new chat even when a recent one of this workflow is in progress'),
    initial_message: z.string().trim().min(1).max(20_000).optional().describe('The user’s first message, sent at once'),
  }),
  emptyBody: true,
  output: startChatResultSchema,
  errors: ['FORBIDDEN', 'NOT_FOUND', 'TOKEN_BUDGET_EXCEEDED'],
  handler: ({ identity, params, body, correlationId }) => {
    assertOwnApp(identity, params.app_id);
    if (body.user_id !== undefined && body.user_id !== identity.user_id) throw new ApiError('FORBIDDEN', 'user_id in request body does not match authenticated user');
    return startWorkflowChat({ identity, workflowName: params.workflow_name, clientRequestId: body.client_request_id, forceNew: body.force_new, initialMessage: body.initial_message, correlationId });
  },
});

export const stopChat = endpoint({
  method: 'POST',
  path: '/api/chats/{app_id}/{workflow_name}/{chat_id}/stop',
  tags: chats,
  summary: 'Stop the chat’s run, aborting its model call',
  params: chatParams,
  output: z.object({ status: z.enum(['stopped', 'idle']).describe('`idle`: nothing was running') }),
  errors: ['FORBIDDEN', 'NOT_FOUND'],
  handler: async ({ identity, params }) => {
    assertOwnApp(identity, params.app_id);
    return { status: await stopChatRun({ identity, chatId: params.chat_id }) };
  },
});

export const getChatEventsAfter = endpoint({
  method: 'GET',
  path: '/api/chats/events/{app_id}/{chat_id}',
  tags: chats,
  summary: 'A chat’s events after a sequence number (the transcript)',
  params: z.object({ app_id: appParam, chat_id: z.string() }),
  query: z.object({
    after_sequence: z.coerce.number({ error: 'after_sequence must be a number' }).int().min(-1).default(-1).describe('The highest `seq` the client has; -1: all'),
  }),
  output: z.object({ chat_id: z.string(), events: z.array(chatEventSchema), last_sequence: z.number().int() }),
  errors: ['FORBIDDEN', 'NOT_FOUND'],
  handler: ({ identity, params, query }) => {
    assertOwnApp(identity, params.app_id);
    return getChatEvents(identity, params.chat_id, query.after_sequence);
  },
});

export const chatExists = endpoint({
  method: 'GET',
  path: '/api/chats/exists/{app_id}/{workflow_name}/{chat_id}',
  tags: chats,
  summary: 'Whether the caller has this chat',
  params: chatParams,
  output: z.object({ exists: z.boolean() }),
  errors: ['FORBIDDEN'],
  handler: async ({ identity, params }) => {
    assertOwnApp(identity, params.app_id);
    return { exists: (await getChatMeta(identity, params.chat_id, params.workflow_name)) !== null };
  },
});

export const getChatMetaOf = endpoint({
  method: 'GET',
  path: '/api/chats/meta/{app_id}/{workflow_name}/{chat_id}',
  tags: chats,
  summary: 'A chat’s state, last sequence and open questions',
  params: chatParams,
  output: z.union([chatMetaSchema, z.object({ exists: z.literal(false) }).describe('The caller has no such chat of this workflow')]),
  errors: ['FORBIDDEN'],
  handler: async ({ identity, params }) => {
    assertOwnApp(identity, params.app_id);
    return (await getChatMeta(identity, params.chat_id, params.workflow_name)) ?? { exists: false };
  },
});

export const sendChatMessage = endpoint({
  method: 'POST',
  path: '/chat/{app_id}/{chat_id}/{user_id}/input',
  tags: chats,
  summary: 'The user’s message to a chat’s workflow',
  rateLimit: { name: 'chat-input', perMinute: 120 },
  params: z.object({ app_id: appParam, chat_id: z.string(), user_id: z.string().describe('The caller’s own id (403 for any other)') }),
  body: z.object({
    message: z.string({ error: 'message is required' }).max(MAX_MESSAGE_LENGTH, `A message may be at most ${MAX_MESSAGE_LENGTH} characters`),
    workflow_name: z.string().optional().describe('Accepted for the reference’s clients; the chat knows its workflow'),
  }),
  output: z.object({ status: z.string(), transport: z.literal('socket.io').describe('Where the answer streams') }),
  // BAD_REQUEST: an empty message; CHAT_BUSY: a run is in progress, or the chat has ended.
  errors: ['FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND', 'CHAT_BUSY', 'TOKEN_BUDGET_EXCEEDED'],
  handler: async ({ identity, params, body, correlationId }) => {
    assertOwnApp(identity, params.app_id);
    assertOwnUser(identity, params.user_id);
    await sendMessage({ identity, chatId: params.chat_id, text: body.message, correlationId });
    return { status: 'Message received and is being processed.', transport: 'socket.io' };
  },
});

export const submitUserInput = endpoint({
  method: 'POST',
  path: '/api/user-input/submit',
  tags: chats,
  summary: 'The user’s answer to an input request (an approval, or a tool’s question)',
  body: z.object({
    input_request_id: z.string({ error: 'input_request_id is required' }).trim().min(1, 'input_request_id is required').max(200),
    user_input: z.string().max(20_000).optional().describe('The answer to a question (or "approve"/"deny" to an approval)'),
    decision: z.enum(['approve', 'deny'], { error: 'decision must be "approve" or "deny"' }).optional(),
  }),
  output: z.object({ status: z.literal('success'), message: z.string() }),
  // NOT_FOUND: no such open request of this user; BAD_REQUEST: an approval without a decision, or a question without an answer.
  errors: ['NOT_FOUND', 'BAD_REQUEST'],
  handler: async ({ identity, body }) => {
    await submitInput({ identity, inputRequestId: body.input_request_id, text: body.user_input, decision: body.decision });
    return { status: 'success', message: 'User input submitted successfully' };
  },
});

// ---- Sessions: the caller's chats across workflows ----

const sessionParams = z.object({ app_id: appParam, user_id: z.string().describe('The caller’s own id (403 for any other)') });

export const listChatSessions = endpoint({
  method: 'GET',
  path: '/api/sessions/list/{app_id}/{user_id}',
  tags: chats,
  summary: 'The caller’s chats in progress, most recently active first (?all=true: ended ones too)',
  params: sessionParams,
  query: z.object({ all: z.enum(['true', 'false']).default('false').transform((value) => value === 'true') }),
  output: z.object({ sessions: z.array(sessionSummarySchema), count: z.number().int() }),
  errors: ['FORBIDDEN'],
  handler: async ({ identity, params, query }) => {
    assertOwnApp(identity, params.app_id);
    assertOwnUser(identity, params.user_id);
    const sessions = await listSessions(identity, { all: query.all });
    return { sessions, count: sessions.length };
  },
});

export const getRecentChatSession = endpoint({
  method: 'GET',
  path: '/api/sessions/recent/{app_id}/{user_id}',
  tags: chats,
  summary: 'The caller’s most recently active chat in progress',
  params: sessionParams,
  output: z.union([
    sessionSummarySchema.pick({ chat_id: true, workflow_name: true, created_at: true, last_updated_at: true, last_artifact: true }).extend({ found: z.literal(true) }),
    z.object({ found: z.literal(false), chat_id: z.null(), workflow_name: z.null() }),
  ]),
  errors: ['FORBIDDEN'],
  handler: async ({ identity, params }) => {
    assertOwnApp(identity, params.app_id);
    assertOwnUser(identity, params.user_id);
    const [recent] = await listSessions(identity, { limit: 1 });
    if (!recent) return { found: false, chat_id: null, workflow_name: null };
    return { found: true, chat_id: recent.chat_id, workflow_name: recent.workflow_name, created_at: recent.created_at, last_updated_at: recent.last_updated_at, last_artifact: recent.last_artifact };
  },
});

export const streamChatEvents = endpoint({
  method: 'GET',
  path: '/api/chats/stream/{app_id}/{chat_id}',
  tags: chats,
  summary: 'A chat’s events as Server-Sent Events: stored ones after a sequence number, then live (for pages without a socket)',
  description: 'Each event is `chat:event` with its `seq` as `id:` (EventSource resends it as Last-Event-ID); `ready` follows the stored ones with `last_sequence`.',
  params: z.object({ app_id: appParam, chat_id: z.string() }),
  query: z.object({
    after_sequence: z.coerce.number({ error: 'after_sequence must be a number' }).int().min(-1).default(-1).describe('The highest `seq` the client has; -1: all'),
  }),
  produces: 'text/event-stream',
  errors: ['FORBIDDEN', 'NOT_FOUND'],
  handler: ({ request, identity, params, query }) => {
    assertOwnApp(identity, params.app_id);
    const resumed = Number(request.headers.get('last-event-id'));
    const afterSequence = Number.isSafeInteger(resumed) && resumed > query.after_sequence ? resumed : query.after_sequence;
    return chatEventStream({ identity, chatId: params.chat_id, afterSequence, timing: getEnv().realtime });
  },
});
