import { declareCollection } from '@/lib/db/declare';

/** `settings`: one document per user with plugin settings and notification preferences. */
export const settingsCollection = declareCollection({
  name: 'settings',
  scope: 'user',
  indexes: [{ keys: { user_id: 1 }, unique: true, serves: "load or upsert the user's settings document" }],
});
