/**
 * Chats as stored: one `chat_sessions` document per chat, confined by the data layer to its app and
 * its user. Every read goes through the owner's scope, so another user's chat id is simply not found.
 */
import type { ModelMessage } from 'ai';
import type { Artifact, ChatMeta, ChatState, ChatStatus, InputRequest } from '@/lib/ai/protocol';
import type { Identity } from '@/lib/auth/identity';
import { database, type Collection } from '@/lib/db';

/** One entry of a chat's history, with the agent that said it: what each agent's prompt is built from. */
export type HistoryEntry =
  | { role: 'user'; content: string }
  | { role: 'agent'; agent: string; content: string; tool_calls: { id: string; name: string; args: Record<string, unknown> }[] }
  | { role: 'tool'; agent: string; tool_call_id: string; tool_name: string; result: unknown };

/** A run's claim on its chat: renewed while the run lives, so a claim not renewed for a lease's length is a dead instance's. */
export type RunLease = { id: string; instance: string; seen_at: Date };

// A type, not an interface: documents need the implicit index signature.
export type ChatSession = {
  _id: string;
  workflow_name: string;
  title: string;
  status: ChatStatus;
  state: ChatState;
  history: HistoryEntry[];
  /** The agent that spoke last, where a handoff-free run resumes. */
  current_agent: string | null;
  /** Context variables: set by tools, structured outputs under their agent's name; read by handoff conditions. */
  context: Record<string, unknown>;
  pending_inputs: InputRequest[];
  /** The run holding the chat, and the instance it lives on (./lease.ts); null or absent when none does. */
  run?: RunLease | null;
  last_artifact: { artifact_id: string; artifact: Artifact } | null;
  last_sequence: number;
  cache_seed: number | null;
  /** The start request this chat answered, for the start route's idempotency. */
  client_request_id: string | null;
  usage: { input_tokens: number; output_tokens: number };
  created_at: Date;
  last_updated_at: Date;
};

/** A user who owns chats: the scope every query runs in. */
export type ChatOwner = Pick<Identity, 'app_id' | 'user_id'>;

export function chatSessions(owner: ChatOwner): Collection<ChatSession> {
  return database({ appId: owner.app_id }).forUser(owner.user_id).collection<ChatSession>('chat_sessions');
}

export function findChat(owner: ChatOwner, chatId: string): Promise<ChatSession | null> {
  return chatSessions(owner).findOne({ _id: chatId });
}

export async function updateChat(owner: ChatOwner, chatId: string, fields: Partial<Omit<ChatSession, '_id'>>): Promise<void> {
  await chatSessions(owner).updateOne({ _id: chatId }, { $set: { ...fields, last_updated_at: new Date() } });
}

/** The reference's chat meta, for GET /api/chats/meta and the answer to `chat.join`. */
export function chatMeta(owner: ChatOwner, chat: ChatSession, lastSequence: number): ChatMeta {
  return {
    exists: true,
    chat_id: chat._id,
    workflow_name: chat.workflow_name,
    app_id: owner.app_id,
    user_id: owner.user_id,
    title: chat.title,
    status: chat.status,
    state: chat.state,
    last_sequence: lastSequence,
    pending_inputs: chat.pending_inputs,
    last_artifact: chat.last_artifact,
    has_children: false,
    cache_seed: chat.cache_seed,
    created_at: chat.created_at.toISOString(),
    last_updated_at: chat.last_updated_at.toISOString(),
  };
}

export type { ModelMessage };
