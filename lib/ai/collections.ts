import { declareCollection } from '@/lib/db/declare';

/** `chat_sessions`: one document per chat — its workflow, state, model history and open input requests. */
export const chatSessionsCollection = declareCollection({
  name: 'chat_sessions',
  scope: 'user',
  indexes: [
    { keys: { workflow_name: 1, created_at: -1 }, serves: "a user's chats of a workflow, newest first (chat list, start idempotency)" },
    { keys: { last_updated_at: -1 }, serves: "a user's sessions, most recently active first" },
  ],
});

/**
 * How long a chat's streamed events are kept (each from the moment it was stored): a long-running
 * app accumulates one document per token batch of every chat, and the embedded store keeps them all
 * in memory. A chat older than this keeps its session (state, history for the model) but not its
 * replayable transcript.
 */
export const CHAT_EVENT_RETENTION_SECONDS = 180 * 24 * 60 * 60;

/** `chat_events`: every streamed event of every chat, by sequence number — the transcript, and what a reconnect replays. */
export const chatEventsCollection = declareCollection({
  name: 'chat_events',
  scope: 'user',
  indexes: [
    { keys: { chat_id: 1, seq: 1 }, unique: true, serves: 'replay after a sequence number; one event per number' },
    // `timestamp` is the event's ISO text, which a TTL index cannot read: `stored_at` is its Date.
    { keys: { stored_at: 1 }, expireAfterSeconds: CHAT_EVENT_RETENTION_SECONDS, serves: 'retention' },
  ],
});

/** `ai_token_usage`: tokens spent per app, user and calendar month (`period`: "2026-12"), for budgets and reports. */
export const tokenUsageCollection = declareCollection({
  name: 'ai_token_usage',
  scope: 'app',
  indexes: [{ keys: { period: 1, user_id: 1 }, unique: true, serves: "a period's usage of the app (user_id '*') and of each user" }],
});
