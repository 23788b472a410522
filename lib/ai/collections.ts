import { declareCollection } from '@/lib/db/declare';

/** `chat_sessions`: AI workflow runs and their messages, one document per chat. */
export const chatSessionsCollection = declareCollection({
  name: 'chat_sessions',
  scope: 'user',
  indexes: [
    { keys: { user_id: 1, workflow_name: 1, created_at: -1 }, serves: "resume: a user's latest chat of a workflow" },
    { keys: { status: 1 }, serves: 'active-run listings' },
  ],
});
