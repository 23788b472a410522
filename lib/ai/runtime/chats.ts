/**
 * The AI runtime's operations, as route handlers and socket handlers call them: start a chat, send
 * a message, answer an input request, stop a run, read chats. Every one takes the caller's verified
 * identity and reaches chats only through it (lib/ai/chats/store.ts), so another user's chat id is
 * answered exactly like a chat that does not exist: 404.
 */
import { randomUUID } from 'node:crypto';
import { aiHub, type ChatOperations } from '@/lib/ai/hub';
import type { AnyChatEvent, ChatMeta, InputRequest, StartChatResult } from '@/lib/ai/protocol';
import { hasPeers, isHeld, isHeldElsewhere } from '@/lib/ai/chats/lease';
import { loadChat } from '@/lib/ai/chats/load';
import { chatStream } from '@/lib/ai/chats/stream';
import { chatMeta, chatSessions, findChat, type ChatSession } from '@/lib/ai/chats/store';
import { getWorkflow, getWorkflows } from '@/lib/ai/workflows/registry';
import type { WorkflowDefinition } from '@/lib/ai/workflows/definition';
import type { Identity } from '@/lib/auth/identity';
import { ApiError } from '@/lib/errors';
import { assertWithinBudget } from './budget';
import { firstSpeaker } from './handoffs';
import { startRun } from './orchestrator';
import { relayAnswer, relayStop } from './relay';
import { activeRun, findPendingInput, type InputAnswer } from './runs';

/** A start within this many seconds of an in-progress chat of the same workflow reuses it (the reference's CHAT_START_IDEMPOTENCY_SEC). */
export const CHAT_START_IDEMPOTENCY_SECONDS = 15;
/** Longest user message accepted. */
export const MAX_MESSAGE_LENGTH = 20_000;

const chatNotFound = () => new ApiError('NOT_FOUND', 'Chat not found');

export function requireWorkflow(name: string): WorkflowDefinition {
  const workflow = getWorkflow(name);
  if (!workflow) throw new ApiError('NOT_FOUND', `Workflow '${name}' not found`);
  return workflow;
}

/** The path's app id must be the caller's (the reference's 403 "Token app_id does not match request app_id"). */
export function assertOwnApp(identity: Identity, appId: string): void {
  if (appId !== identity.app_id) throw new ApiError('FORBIDDEN', 'Token app_id does not match request app_id');
}

/** The path's user id must be the caller's. */
export function assertOwnUser(identity: Identity, userId: string): void {
  if (userId !== identity.user_id) throw new ApiError('FORBIDDEN', 'user_id in path does not match authenticated user');
}

/** Starts a chat of a workflow (or reuses a recent in-progress one); an AgentDriven workflow starts speaking at once. */
export async function startChat({
  identity,
  workflowName,
  clientRequestId,
  forceNew = false,
  initialMessage,
  correlationId,
}: {
  identity: Identity;
  workflowName: string;
  clientRequestId?: string;
  forceNew?: boolean;
  initialMessage?: string;
  correlationId?: string;
}): Promise<StartChatResult> {
  const workflow = requireWorkflow(workflowName);
  const sessions = chatSessions(identity);
  const answer = (chat: ChatSession, reused: boolean): StartChatResult => ({
    success: true,
    chat_id: chat._id,
    workflow_name: workflow.name,
    app_id: identity.app_id,
    user_id: identity.user_id,
    websocket_url: '/socket.io',
    message: reused ? 'Existing recent chat reused.' : 'Chat session initialized; connect to websocket to start.',
    reused,
    cache_seed: chat.cache_seed,
  });
  if (!forceNew) {
    const since = new Date(Date.now() - CHAT_START_IDEMPOTENCY_SECONDS * 1000);
    const recent = clientRequestId
      ? await sessions.findOne({ workflow_name: workflow.name, client_request_id: clientRequestId })
      : await sessions.findOne({ workflow_name: workflow.name, status: 0, created_at: { $gte: since } }, { sort: { created_at: -1 } });
    if (recent) return answer(recent, true);
  }
  const speaks = workflow.startup_mode === 'AgentDriven' || !!initialMessage;
  if (speaks) await assertWithinBudget(identity);
  const now = new Date();
  const chat: ChatSession = {
    _id: `chat_${randomUUID().replaceAll('-', '')}`,
    workflow_name: workflow.name,
    title: (initialMessage ?? workflow.display_name ?? workflow.name).slice(0, 80),
    status: 0,
    state: 'idle',
    history: [],
    current_agent: null,
    context: {},
    pending_inputs: [],
    run: null,
    last_artifact: null,
    last_sequence: 0,
    cache_seed: null,
    client_request_id: clientRequestId ?? null,
    usage: { input_tokens: 0, output_tokens: 0 },
    created_at: now,
    last_updated_at: now,
  };
  if (workflow.initial_message_to_user) chat.history.push({ role: 'agent', agent: firstSpeaker(workflow), content: workflow.initial_message_to_user, tool_calls: [] });
  // The initial message of an AgentDriven workflow is the agents' brief, not the user's words.
  if (speaks && !initialMessage && workflow.initial_message) chat.history.push({ role: 'user', content: workflow.initial_message });
  await sessions.insertOne(chat);
  const stream = await chatStream(identity, chat._id);
  if (workflow.initial_message_to_user) {
    const messageId = randomUUID();
    const agent = firstSpeaker(workflow);
    stream.append('chat.text_start', { message_id: messageId, agent, visible: true });
    stream.append('chat.text', { message_id: messageId, agent, delta: workflow.initial_message_to_user });
    stream.append('chat.text_end', { message_id: messageId, agent, content: workflow.initial_message_to_user });
  }
  if (speaks) {
    await startRun({ identity, chatId: chat._id, workflow, stream, userMessage: initialMessage ?? null, correlationId });
  } else {
    await stream.flush();
  }
  return answer(chat, false);
}

/** The user's new message: answers an open question of the run (here or on another instance), or starts the next run. */
export async function sendMessage({ identity, chatId, text, correlationId }: { identity: Identity; chatId: string; text: string; correlationId?: string }): Promise<void> {
  const message = text.trim();
  if (!message) throw new ApiError('BAD_REQUEST', 'Message cannot be empty.');
  if (message.length > MAX_MESSAGE_LENGTH) throw new ApiError('PAYLOAD_TOO_LARGE', `A message may be at most ${MAX_MESSAGE_LENGTH} characters`);
  const chat = await loadChat(identity, chatId);
  if (!chat) throw chatNotFound();
  const run = activeRun(identity, chatId);
  if (run) {
    const question = [...run.inputs.values()].find((pending) => pending.request.kind === 'text');
    if (question) return question.resolve({ kind: 'text', text: message });
    throw busyWith(run.inputs.size > 0);
  }
  if (isHeldElsewhere(chat)) {
    const question = chat.state === 'waiting_input' ? chat.pending_inputs.find((request) => request.kind === 'text') : undefined;
    if (question && (await relayAnswer({ owner: identity, chatId, inputRequestId: question.input_request_id, answer: { kind: 'text', text: message } }))) return;
    throw busyWith(chat.state === 'waiting_input');
  }
  if (chat.status === 1) throw new ApiError('CHAT_BUSY', 'This chat has ended; start a new one');
  const workflow = requireWorkflow(chat.workflow_name);
  await assertWithinBudget(identity);
  await startRun({ identity, chatId, workflow, stream: await chatStream(identity, chatId), userMessage: message, correlationId });
}

function busyWith(waiting: boolean): ApiError {
  return new ApiError('CHAT_BUSY', waiting ? 'The assistant is waiting for your decision on its request first' : 'The assistant is still answering: wait for it, or stop it');
}

/** What the user said to an input request, as the run takes it; refuses an approval that is neither yes nor no. */
function answerTo(request: InputRequest, { text, decision }: { text?: string; decision?: 'approve' | 'deny' }): InputAnswer {
  if (request.kind === 'approval') {
    const said = decision ?? (text && /^(approve|approved|yes|y|allow)$/i.test(text.trim()) ? 'approve' : text && /^(deny|denied|no|n|reject)$/i.test(text.trim()) ? 'deny' : undefined);
    if (!said) throw new ApiError('BAD_REQUEST', 'This request needs a decision: "approve" or "deny"');
    return { kind: 'approval', approved: said === 'approve' };
  }
  if (!text?.trim()) throw new ApiError('BAD_REQUEST', 'user_input is required');
  return { kind: 'text', text: text.trim() };
}

/** The owner's chat, held by a run on another instance, that stores this open input request. */
async function chatAskingElsewhere(identity: Identity, inputRequestId: string): Promise<{ chat: ChatSession; request: InputRequest } | undefined> {
  // A user has few chats waiting on them; matching inside the array is left to this code rather than to each store's dialect.
  const waiting = await chatSessions(identity).find({ state: 'waiting_input' }, { projection: { _id: 1 }, limit: 100 });
  for (const { _id } of waiting) {
    const chat = await loadChat(identity, _id);
    const request = chat?.pending_inputs.find((pending) => pending.input_request_id === inputRequestId);
    if (chat && request && chat.state === 'waiting_input' && isHeldElsewhere(chat)) return { chat, request };
  }
  return undefined;
}

/**
 * The user's answer to an input request. Approvals are only ever decided here, from the user's own
 * authenticated request: no tool and no model output can reach this. A run on another instance gets
 * the answer relayed (./relay.ts), after the same checks against the question its chat stores.
 */
export async function submitInput({ identity, inputRequestId, text, decision }: { identity: Identity; inputRequestId: string; text?: string; decision?: 'approve' | 'deny' }): Promise<void> {
  const pending = findPendingInput(identity, inputRequestId);
  if (pending) return pending.resolve(answerTo(pending.request, { text, decision }));
  const elsewhere = hasPeers() ? await chatAskingElsewhere(identity, inputRequestId) : undefined;
  const answer = elsewhere && answerTo(elsewhere.request, { text, decision });
  if (!elsewhere || !answer || !(await relayAnswer({ owner: identity, chatId: elsewhere.chat._id, inputRequestId, answer }))) {
    throw new ApiError('NOT_FOUND', 'Input request not found or already completed');
  }
}

/** How long a stop relayed to another instance waits for that run to end. */
const RELAYED_STOP_WAIT_MS = 5_000;

/** Stops the chat's run, aborting its model call; resolves once the run has stored its state (for a run elsewhere, at most RELAYED_STOP_WAIT_MS later). */
export async function stopChat({ identity, chatId }: { identity: Identity; chatId: string }): Promise<'stopped' | 'idle'> {
  const chat = await loadChat(identity, chatId);
  if (!chat) throw chatNotFound();
  const run = activeRun(identity, chatId);
  if (run) {
    run.controller.abort();
    await run.finished;
    return 'stopped';
  }
  if (!isHeldElsewhere(chat) || !(await relayStop(identity, chatId))) return 'idle';
  for (const started = Date.now(); Date.now() - started < RELAYED_STOP_WAIT_MS; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const current = await findChat(identity, chatId);
    if (!current || !isHeld(current)) break;
  }
  return 'stopped';
}

/** The chat's meta, or null when the caller has no such chat. */
export async function getChatMeta(identity: Identity, chatId: string, workflowName?: string): Promise<ChatMeta | null> {
  const chat = await loadChat(identity, chatId);
  if (!chat || (workflowName && chat.workflow_name !== workflowName)) return null;
  const stream = await chatStream(identity, chatId);
  return chatMeta(identity, chat, stream.lastSeq);
}

/** The caller's chat as a page renders it, meta and every event, from one read of the chat; null for any other. */
export async function getChatView(identity: Identity, chatId: string): Promise<{ meta: ChatMeta; events: AnyChatEvent[] } | null> {
  const chat = await loadChat(identity, chatId);
  if (!chat) return null;
  const stream = await chatStream(identity, chatId);
  return { meta: chatMeta(identity, chat, stream.lastSeq), events: stream.after(-1) };
}

/** Events after `afterSequence` of the caller's chat (404 for any other). */
export async function getChatEvents(identity: Identity, chatId: string, afterSequence: number): Promise<{ chat_id: string; events: AnyChatEvent[]; last_sequence: number }> {
  const chat = await loadChat(identity, chatId);
  if (!chat) throw chatNotFound();
  const stream = await chatStream(identity, chatId);
  return { chat_id: chatId, events: stream.after(afterSequence), last_sequence: stream.lastSeq };
}

/** The caller's 20 most recent chats of a workflow. */
export async function listChatIds(identity: Identity, workflowName: string): Promise<string[]> {
  const chats = await chatSessions(identity).find({ workflow_name: workflowName }, { sort: { created_at: -1 }, limit: 20, projection: { _id: 1 } });
  return chats.map((chat) => chat._id);
}

export interface SessionSummary {
  chat_id: string;
  workflow_name: string;
  title: string;
  status: 0 | 1;
  created_at: string;
  last_updated_at: string;
  last_artifact: ChatSession['last_artifact'];
}

/** The caller's chats, most recently active first (in progress only, as the reference lists them, unless `all`). */
export async function listSessions(identity: Identity, { limit = 100, all = false }: { limit?: number; all?: boolean } = {}): Promise<SessionSummary[]> {
  const chats = await chatSessions(identity).find(all ? {} : { status: 0 }, { sort: { last_updated_at: -1 }, limit, projection: { history: 0, context: 0 } });
  return chats.map((chat) => ({
    chat_id: chat._id,
    workflow_name: chat.workflow_name,
    title: chat.title,
    status: chat.status,
    created_at: chat.created_at.toISOString(),
    last_updated_at: chat.last_updated_at.toISOString(),
    last_artifact: chat.last_artifact ?? null,
  }));
}

/** Every workflow and whether this user may start it now. */
export function availableWorkflows(): { workflow_name: string; display_name: string; description: string; icon: string; available: boolean; reason: string | null; type: string; required_gates: string[] }[] {
  return [...getWorkflows().values()].map((workflow) => ({
    workflow_name: workflow.name,
    display_name: workflow.display_name ?? workflow.name,
    description: workflow.description,
    icon: workflow.icon,
    available: true,
    reason: null,
    type: 'workflow',
    required_gates: [],
  }));
}

const operations: ChatOperations = { sendMessage, submitInput, stopChat };
aiHub.operations = operations;
