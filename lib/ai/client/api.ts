/**
 * The browser's calls to the chat routes (app/api/chats/…, /chat/…/input, /api/user-input/submit).
 * Typed by the endpoints' own schemas (lib/api/client.ts). Failures throw ApiRequestError with the
 * server's `detail`, which the UI shows as it is.
 */
import { callApi } from '@/lib/api/client';
import type { AnyChatEvent } from '../protocol';

/** Where a chat lives, for the routes that name it by app, workflow and user. */
export interface ChatAddress {
  appId: string;
  userId: string;
  chatId: string;
  workflowName: string;
}

/** Starts a chat of a workflow, or returns the user's recent one (the route is idempotent per `client_request_id`). */
export function startChat(input: { appId: string; workflowName: string; clientRequestId?: string; forceNew?: boolean; initialMessage?: string }) {
  return callApi('POST /api/chats/{app_id}/{workflow_name}/start', {
    params: { app_id: input.appId, workflow_name: input.workflowName },
    body: {
      ...(input.clientRequestId ? { client_request_id: input.clientRequestId } : {}),
      ...(input.forceNew ? { force_new: true } : {}),
      ...(input.initialMessage ? { initial_message: input.initialMessage } : {}),
    },
  });
}

/** Sends the user's message; the server answers 409 CHAT_BUSY while a run is in progress. */
export function sendChatMessage(chat: ChatAddress, message: string) {
  return callApi('POST /chat/{app_id}/{chat_id}/{user_id}/input', {
    params: { app_id: chat.appId, chat_id: chat.chatId, user_id: chat.userId },
    body: { message, ...(chat.workflowName ? { workflow_name: chat.workflowName } : {}) },
  });
}

/** Answers an approval (`decision`) or a question (`text`) the assistant asked. */
export function submitInput(inputRequestId: string, answer: { decision: 'approve' | 'deny' } | { text: string }) {
  return callApi('POST /api/user-input/submit', {
    body: { input_request_id: inputRequestId, ...('decision' in answer ? { decision: answer.decision } : { user_input: answer.text }) },
  });
}

/** Stops the chat's run; `idle` when nothing was running. */
export function stopChat(chat: ChatAddress) {
  return callApi('POST /api/chats/{app_id}/{workflow_name}/{chat_id}/stop', { params: { app_id: chat.appId, workflow_name: chat.workflowName, chat_id: chat.chatId } });
}

/** The chat's events after `afterSequence`: the catch-up where no socket carries them. */
export async function fetchChatEvents(chat: Pick<ChatAddress, 'appId' | 'chatId'>, afterSequence: number): Promise<{ chat_id: string; events: AnyChatEvent[]; last_sequence: number }> {
  const page = await callApi('GET /api/chats/events/{app_id}/{chat_id}', { params: { app_id: chat.appId, chat_id: chat.chatId }, query: { after_sequence: afterSequence } });
  // The endpoint's schema holds each event's envelope (type, seq, timestamp); the protocol types its data by type.
  return { ...page, events: page.events as AnyChatEvent[] };
}

/** Where a chat's events stream as SSE (GET /api/chats/stream/{app_id}/{chat_id}), for EventSource. */
export function chatStreamPath(chat: Pick<ChatAddress, 'appId' | 'chatId'>): string {
  return `/api/chats/stream/${encodeURIComponent(chat.appId)}/${encodeURIComponent(chat.chatId)}`;
}
