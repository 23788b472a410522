'use client';
/**
 * The browser side of notifications: the inbox API and a hook that keeps an inbox current. Live
 * messages arrive over the page's live channel (a socket or an SSE stream), which replays what a tab
 * missed while offline; when it cannot, it asks for a resync and the inbox is fetched again. Where
 * there is no live channel the inbox polls.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { callApi } from '@/lib/api/client';
import { liveChannel } from '@/lib/realtime/client';
import type { NotificationMessage, NotificationView } from './inbox';

export type { NotificationView };

/** How often an inbox without a live channel asks for news. */
export const POLL_INTERVAL_MS = 30_000;

export interface Inbox {
  items: NotificationView[];
  unreadCount: number;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  /** The actions reject when the server refuses (the list is reloaded first). */
  setRead(id: string, read: boolean): Promise<void>;
  remove(id: string): Promise<void>;
  markAllRead(): Promise<void>;
}

/** A first page the server rendered with the HTML (the inbox page), so the list paints without waiting for hydration. */
export interface InboxPage {
  notifications: NotificationView[];
  total: number;
  unread_count: number;
}

/** Keeps one page of the user's inbox (newest first) current, live; from `initial` when the server gave it. */
export function useInbox({ pageSize = 20, unreadOnly = false, initial }: { pageSize?: number; unreadOnly?: boolean; initial?: InboxPage } = {}): Inbox {
  const [items, setItems] = useState<NotificationView[]>(initial?.notifications ?? []);
  const [unreadCount, setUnreadCount] = useState(initial?.unread_count ?? 0);
  const [total, setTotal] = useState(initial?.total ?? 0);
  const [status, setStatus] = useState<Inbox['status']>(initial ? 'ready' : 'loading');
  const [error, setError] = useState<string | null>(null);
  const shown = useRef(pageSize);

  const load = useCallback(async () => {
    try {
      const page = await callApi('GET /api/notifications', { query: { limit: Math.min(shown.current, 100), unread_only: unreadOnly ? 'true' : 'false' } });
      setItems(page.notifications);
      setTotal(page.total);
      setUnreadCount(page.unread_count);
      setStatus('ready');
      setError(null);
    } catch (caught) {
      setStatus((current) => (current === 'ready' ? current : 'error'));
      setError((caught as Error).message);
    }
  }, [unreadOnly]);

  // Loaded on mount even after a server-rendered `initial`: a notification sent between that render and the live
  // channel's first connection reaches neither (a first connection has nothing to resume from).
  useEffect(() => {
    shown.current = pageSize;
    void load();
  }, [load, pageSize]);

  useEffect(() => {
    const channel = liveChannel();
    if (!channel) {
      // No live channel here (a browser without EventSource, or turned off): ask now and then, and when the tab comes back.
      const poll = () => document.visibilityState === 'visible' && void load();
      const timer = setInterval(poll, POLL_INTERVAL_MS);
      document.addEventListener('visibilitychange', poll);
      return () => {
        clearInterval(timer);
        document.removeEventListener('visibilitychange', poll);
      };
    }
    const onMessage = (message: NotificationMessage) => {
      switch (message.subtype) {
        case 'new':
          setItems((current) => (current.some((item) => item.id === message.data.id) ? current : [message.data, ...current]));
          setTotal((value) => value + 1);
          setUnreadCount((value) => value + 1);
          return;
        case 'read':
        case 'unread': {
          const read = message.subtype === 'read';
          setItems((current) =>
            unreadOnly && read ? current.filter((item) => item.id !== message.data.id) : current.map((item) => (item.id === message.data.id ? { ...item, read } : item)),
          );
          setUnreadCount(message.unread_count);
          return;
        }
        case 'deleted':
          setItems((current) => current.filter((item) => item.id !== message.data.id));
          setTotal((value) => Math.max(0, value - 1));
          setUnreadCount(message.unread_count);
          return;
        case 'all_read':
          setItems((current) => (unreadOnly ? [] : current.map((item) => ({ ...item, read: true }))));
          setUnreadCount(0);
      }
    };
    const stopMessages = channel.on('notification', onMessage);
    // What this tab missed could not be replayed: fetch the inbox again.
    const stopResync = channel.onResync(() => void load());
    return () => {
      stopMessages();
      stopResync();
    };
  }, [load, unreadOnly]);

  /**
   * Runs an action and shows its effect on the list at once (idempotent, so the live channel's echo of the
   * same change is harmless); counts come from the server: the echo, or a reload where nothing is live.
   * A failed action reloads the list and rejects: the control that started it tells the user (a toast).
   */
  const act = useCallback(
    async (request: () => Promise<unknown>, showEffect: () => void) => {
      try {
        await request();
      } catch (caught) {
        await load();
        throw caught;
      }
      showEffect();
      setError(null);
      if (liveChannel()?.status() !== 'live') await load();
    },
    [load],
  );

  return {
    items,
    unreadCount,
    status,
    error,
    hasMore: items.length < total,
    loadMore: async () => {
      shown.current += pageSize;
      await load();
    },
    setRead: (id, read) =>
      act(
        () => callApi(read ? 'POST /api/notifications/{id}/read' : 'POST /api/notifications/{id}/unread', { params: { id } }),
        () => setItems((current) => current.map((item) => (item.id === id ? { ...item, read } : item))),
      ),
    remove: (id) =>
      act(
        () => callApi('DELETE /api/notifications/{id}', { params: { id } }),
        () => setItems((current) => current.filter((item) => item.id !== id)),
      ),
    markAllRead: () =>
      act(
        () => callApi('POST /api/notifications/mark-all-read'),
        () => setItems((current) => current.map((item) => ({ ...item, read: true }))),
      ),
  };
}

/** "5 min ago", "yesterday", or a date: when a notification arrived, for people. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (seconds < 3_600) return format.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(-Math.round(seconds / 3_600), 'hour');
  if (seconds < 7 * 86_400) return format.format(-Math.round(seconds / 86_400), 'day');
  return new Date(iso).toLocaleDateString();
}
