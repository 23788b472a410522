/**
 * The in-app inbox: one document per notification in the `notifications` collection, scoped to its
 * app and user by the data layer. Every change is pushed to the user's open tabs, so bells and
 * inboxes everywhere agree without reloading.
 */
import { database, newId } from '@/lib/db';
import { ApiError, isApiError } from '@/lib/errors';
import { sendToUser } from '@/lib/realtime/send';

export interface NotificationDocument {
  [key: string]: unknown;
  type: string;
  title: string;
  message: string;
  metadata: Record<string, unknown>;
  read: boolean;
  read_at: Date | null;
  created_at: Date;
}

/** A notification as the API and sockets show it (the reference's shape, plus `read_at`). */
export interface NotificationView {
  id: string;
  user_id: string;
  type: string;
  title: string;
  message: string;
  metadata: Record<string, unknown>;
  read: boolean;
  read_at: string | null;
  created_at: string;
}

/** What a user's tabs receive on the `notification` socket event. */
export type NotificationMessage =
  | { type: 'notification'; subtype: 'new'; data: NotificationView }
  | { type: 'notification'; subtype: 'read' | 'unread' | 'deleted'; data: { id: string }; unread_count: number }
  | { type: 'notification'; subtype: 'all_read'; data: Record<string, never>; unread_count: number };

/** The Socket.IO event name for notification messages. */
export const NOTIFICATION_EVENT = 'notification';

/** Most notifications one page of the inbox returns. */
export const MAX_PAGE_SIZE = 100;

function inboxOf(appId: string, userId: string) {
  return database({ appId }).forUser(userId).collection<NotificationDocument>('notifications');
}

export function toView(document: NotificationDocument & { _id: string; user_id?: unknown }, userId: string): NotificationView {
  return {
    id: document._id,
    user_id: userId,
    type: document.type,
    title: document.title,
    message: document.message,
    metadata: document.metadata ?? {},
    read: document.read,
    read_at: document.read_at ? document.read_at.toISOString() : null,
    created_at: document.created_at.toISOString(),
  };
}

function push(appId: string, userId: string, message: NotificationMessage): void {
  void sendToUser({ appId, userId, event: NOTIFICATION_EVENT, message });
}

/**
 * Stores a notification and pushes it to the user's tabs. An explicit `id` makes the insert
 * idempotent (the scheduler uses its job id): storing the same id twice returns the first, unpushed again.
 */
export async function storeNotification(input: {
  appId: string;
  userId: string;
  id?: string;
  type: string;
  title: string;
  message: string;
  metadata: Record<string, unknown>;
}): Promise<NotificationView> {
  const inbox = inboxOf(input.appId, input.userId);
  const document: NotificationDocument & { _id: string } = {
    _id: input.id ?? newId(),
    type: input.type,
    title: input.title,
    message: input.message,
    metadata: input.metadata,
    read: false,
    read_at: null,
    created_at: new Date(),
  };
  try {
    await inbox.insertOne(document);
  } catch (error) {
    if (input.id && isApiError(error) && error.errorCode === 'DUPLICATE_KEY') {
      const existing = await inbox.findOne({ _id: input.id });
      if (existing) return toView(existing, input.userId);
    }
    throw error;
  }
  const view = toView(document, input.userId);
  push(input.appId, input.userId, { type: 'notification', subtype: 'new', data: view });
  return view;
}

export async function listNotifications({
  appId,
  userId,
  unreadOnly,
  limit,
  offset,
}: {
  appId: string;
  userId: string;
  unreadOnly: boolean;
  limit: number;
  offset: number;
}): Promise<{ notifications: NotificationView[]; total: number; unread_count: number }> {
  const inbox = inboxOf(appId, userId);
  const filter = unreadOnly ? { read: false } : {};
  const [documents, total, unread] = await Promise.all([
    inbox.find(filter, { sort: { created_at: -1 }, skip: offset, limit: Math.min(limit, MAX_PAGE_SIZE) }),
    inbox.countDocuments(filter),
    inbox.countDocuments({ read: false }),
  ]);
  return { notifications: documents.map((document) => toView(document, userId)), total, unread_count: unread };
}

export function countUnread(appId: string, userId: string): Promise<number> {
  return inboxOf(appId, userId).countDocuments({ read: false });
}

/** Marks one notification read or unread; 404 when the user has no such notification. */
export async function setRead({ appId, userId, id, read }: { appId: string; userId: string; id: string; read: boolean }): Promise<void> {
  const { matchedCount } = await inboxOf(appId, userId).updateOne({ _id: id }, { $set: { read, read_at: read ? new Date() : null } });
  if (matchedCount === 0) throw new ApiError('NOT_FOUND', 'Notification not found');
  push(appId, userId, { type: 'notification', subtype: read ? 'read' : 'unread', data: { id }, unread_count: await countUnread(appId, userId) });
}

export async function markAllRead(appId: string, userId: string): Promise<number> {
  const { modifiedCount } = await inboxOf(appId, userId).updateMany({ read: false }, { $set: { read: true, read_at: new Date() } });
  push(appId, userId, { type: 'notification', subtype: 'all_read', data: {}, unread_count: 0 });
  return modifiedCount;
}

export async function deleteNotification(appId: string, userId: string, id: string): Promise<void> {
  const { deletedCount } = await inboxOf(appId, userId).deleteOne({ _id: id });
  if (deletedCount === 0) throw new ApiError('NOT_FOUND', 'Notification not found');
  push(appId, userId, { type: 'notification', subtype: 'deleted', data: { id }, unread_count: await countUnread(appId, userId) });
}
