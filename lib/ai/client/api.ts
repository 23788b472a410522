/**
 * The browser's calls to the chat routes (app/api/chats/…, /chat/…/input, /api/user-input/submit).
 * Failures throw ApiRequestError with the server's `detail`, which the UI shows as it is.
 */
import { requestJson } from '@/lib/http/browser';
import type { AnyChatEvent, StartChatResult } from '../protocol';

const segment = encodeURIComponent;

/** Where a chat lives, for the routes that name it by app, workflow and user. */
export interface ChatAddress {
  appId: string;
  userId: string;
  chatId: string;
  workflowName: string;
}

/** Starts a chat of a workflow, or returns the user's recent one (the route is idempotent per `client_request_id`). */
export function startChat(input: { appId: string; workflowName: string; clientRequestId?: string; forceNew?: boolean; initialMessage?: string }): Promise<StartChatResult> {
  return requestJson<StartChatResult>(`/api/chats/${segment(input.appId)}/${segment(input.workflowName)}/start`, {
    body: {
      ...(input.clientRequestId ? { client_request_id: input.clientRequestId } : {}),
      ...(input.forceNew ? { force_new: true } : {}),
      ...(input.initialMessage ? { initial_message: input.initialMessage } : {}),
    },
  });
}

/** Sends the user's message; the server answers 409 CHAT_BUSY while a run is in progress. */
export function sendChatMessage(chat: ChatAddress, message: string): Promise<{ status: string; transport: string }> {
  return requestJson(`/chat/${segment(chat.appId)}/${segment(chat.chatId)}/${segment(chat.userId)}/input`, {
    body: { message, ...(chat.workflowName ? { workflow_name: chat.workflowName } : {}) },
  });
}

/** Answers an approval (`decision`) or a question (`text`) the assistant asked. */
export function submitInput(inputRequestId: string, answer: { decision: 'approve' | 'deny' } | { text: string }): Promise<{ status: 'success'; message: string }> {
  return requestJson('/api/user-input/submit', {
    body: { input_request_id: inputRequestId, ...('decision' in answer ? { decision: answer.decision } : { user_input: answer.text }) },
  });
}

/** Stops the chat's run; `idle` when nothing was running. */
export function stopChat(chat: ChatAddress): Promise<{ status: 'stopped' | 'idle' }> {
  return requestJson(`/api/chats/${segment(chat.appId)}/${segment(chat.workflowName)}/${segment(chat.chatId)}/stop`, { body: {} });
}

/** The chat's events after `afterSequence`: the catch-up where no socket carries them. */
export function fetchChatEvents(chat: Pick<ChatAddress, 'appId' | 'chatId'>, afterSequence: number): Promise<{ chat_id: string; events: AnyChatEvent[]; last_sequence: number }> {
  return requestJson(`/api/chats/events/${segment(chat.appId)}/${segment(chat.chatId)}?after_sequence=${afterSequence}`);
}
