/**
 * The names of real-time rooms, every one keyed by app: an app's users, chats and broadcasts never
 * share a room with another app's, even on one Redis (anonymous, admin-key and internal identities
 * have the same user id in every app).
 */

/** Every connection of one user of one app. */
export const userRoom = (appId: string, userId: string) => `app:${appId}:user:${userId}`;

/** Every connection of one app. */
export const appRoom = (appId: string) => `app:${appId}`;

/** The connections following one AI chat. */
export const chatRoom = (appId: string, chatId: string) => `app:${appId}:chat:${chatId}`;

/** The Redis keys and channels of one app start with this (the Socket.IO adapter's key, the feed's streams). */
export const redisPrefix = (appId: string) => `mozaiks:app:${appId}`;
