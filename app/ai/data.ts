/**
 * The one place the Assistant pages reach the AI runtime (lib/ai) on the server: what the home page
 * lists, and the meta and events a chat page renders with (its socket then joins after them).
 */
import { availableWorkflows, getChatView, listSessions, type SessionSummary } from '@/lib/ai';
import type { AnyChatEvent, ChatMeta } from '@/lib/ai/protocol';
import type { Identity } from '@/lib/auth/identity';

/** Recent chats shown on the home page. */
const RECENT_CHATS = 20;

export interface AssistantHome {
  workflows: ReturnType<typeof availableWorkflows>;
  sessions: SessionSummary[];
}

/** The workflows the user may start and their recent chats, ended ones included. */
export async function loadAssistantHome(identity: Identity): Promise<AssistantHome> {
  return { workflows: availableWorkflows(), sessions: await listSessions(identity, { limit: RECENT_CHATS, all: true }) };
}

/** What a chat page renders with; `exists: false` for a chat the user does not have (someone else's included). */
export type ChatPageData = { exists: false } | { exists: true; meta: ChatMeta; events: AnyChatEvent[] };

export async function loadChatPage(identity: Identity, chatId: string): Promise<ChatPageData> {
  const view = await getChatView(identity, chatId);
  return view ? { exists: true, ...view } : { exists: false };
}
