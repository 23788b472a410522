/**
 * The one place the Assistant pages reach the AI runtime (lib/ai) on the server. Until the runtime's
 * functions land, nothing is loaded here: the home page says so, and a chat page joins its chat with
 * -1 so the socket replays every event.
 */
import type { ChatSessionSummary, AvailableWorkflow } from '@/lib/ai/client/api';
import type { AnyChatEvent, ChatMeta } from '@/lib/ai/protocol';
import type { Identity } from '@/lib/auth/identity';

export interface AssistantHome {
  workflows: AvailableWorkflow[];
  sessions: ChatSessionSummary[];
}

/** The workflows the user may start and their recent chats; null while the runtime is not wired in. */
export async function loadAssistantHome(_identity: Identity): Promise<AssistantHome | null> {
  return null;
}

/** What a chat page renders with. `meta: null`: not loaded on the server, the join brings it. */
export type ChatPageData = { exists: false } | { exists: true; meta: ChatMeta | null; events: AnyChatEvent[] };

export async function loadChatPage(_identity: Identity, _chatId: string): Promise<ChatPageData> {
  return { exists: true, meta: null, events: [] };
}
