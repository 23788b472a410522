/**
 * The notification routes of the reference over real HTTP, with live delivery over real sockets,
 * against the production build: inbox, count, read/unread/delete, mark-all-read, preferences,
 * push routes without VAPID keys, and the admin broadcast.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '@/lib/notifications';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
type Account = Awaited<ReturnType<typeof registerAccount>>;
let admin: Account;

beforeAll(async () => {
  server = await startServer({ env: { MOZAIKS_APP_ID: 'notify_app' } });
  // The first account of an app is its superadmin.
  admin = await registerAccount(server.url);
}, 60_000);
afterAll(async () => server?.stop());

const api = async (path: string, account: Account | null, init: { method?: string; body?: unknown } = {}) => {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(account?.headers ?? {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.json() };
};

/** A connected socket of `account` and every notification message it receives. */
async function listen(account: Account): Promise<{ socket: Socket; messages: NotificationMessage[]; next: () => Promise<NotificationMessage> }> {
  const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: { token: account.access_token } });
  const messages: NotificationMessage[] = [];
  const waiting: ((message: NotificationMessage) => void)[] = [];
  socket.on('notification', (message: NotificationMessage) => {
    messages.push(message);
    waiting.shift()?.(message);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('runtime:hello', () => resolve());
    socket.once('connect_error', reject);
  });
  let consumed = 0;
  const next = () =>
    new Promise<NotificationMessage>((resolve, reject) => {
      if (messages.length > consumed) return resolve(messages[consumed++]!);
      const timer = setTimeout(() => reject(new Error('no notification message within 5 s')), 5_000);
      waiting.push((message) => {
        clearTimeout(timer);
        consumed++;
        resolve(message);
      });
    });
  return { socket, messages, next };
}

const broadcastTo = (ids: string[], title = 'Maintenance tonight') =>
  api('/__mozaiks/admin/notifications/broadcast', admin, { body: { title, message: 'We will be back at 02:00.', target: { type: 'user_ids', ids } } });

describe('notification routes', () => {
  it('refuses callers without credentials', async () => {
    for (const path of ['/api/notifications', '/api/notifications/count', '/api/notifications/config', '/api/notification-preferences']) {
      const { status, body } = await api(path, null);
      expect(status, path).toBe(401);
      expect(body.error_code, path).toBe('AUTH_REQUIRED');
    }
  });

  it('delivers a broadcast live to the user, into their inbox only, and keeps read state in step across tabs', async () => {
    const bob = await registerAccount(server.url);
    const carol = await registerAccount(server.url);
    const bobTab = await listen(bob);
    const bobOtherTab = await listen(bob);
    const carolTab = await listen(carol);
    try {
      const sent = await broadcastTo([bob.user_id]);
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ success: true, sent_count: 1, failed_count: 0 });

      const live = await bobTab.next();
      expect(live).toMatchObject({ type: 'notification', subtype: 'new', data: { title: 'Maintenance tonight', read: false, user_id: bob.user_id } });
      expect((await bobOtherTab.next()).subtype).toBe('new');
      const id = (live as Extract<NotificationMessage, { subtype: 'new' }>).data.id;

      const inbox = await api('/api/notifications', bob);
      expect(inbox.body).toMatchObject({ count: 1, unread_count: 1, unread_only: false });
      expect(inbox.body.notifications[0]).toMatchObject({ id, type: 'admin_broadcast', message: 'We will be back at 02:00.' });
      expect((await api('/api/notifications', carol)).body.count).toBe(0);

      // Carol cannot touch Bob's notification: to her it does not exist.
      expect((await api(`/api/notifications/${id}/read`, carol, { body: {} })).status).toBe(404);
      expect((await api(`/api/notifications/${id}`, carol, { method: 'DELETE' })).status).toBe(404);

      expect((await api(`/api/notifications/${id}/read`, bob, { body: {} })).body).toEqual({ message: 'Notification marked as read' });
      expect(await bobOtherTab.next()).toEqual({ type: 'notification', subtype: 'read', data: { id }, unread_count: 0 });
      expect((await api('/api/notifications/count', bob)).body).toEqual({ unread_count: 0 });

      expect((await api(`/api/notifications/${id}/unread`, bob, { body: {} })).body).toEqual({ message: 'Notification marked as unread' });
      expect(await bobOtherTab.next()).toMatchObject({ subtype: 'unread', unread_count: 1 });
      expect((await api('/api/notifications?unread_only=true', bob)).body.count).toBe(1);

      expect((await api('/api/notifications/mark-all-read', bob, { body: {} })).body).toMatchObject({ message: 'All notifications marked as read', updated: 1 });
      expect(await bobOtherTab.next()).toMatchObject({ subtype: 'all_read', unread_count: 0 });
      expect((await api('/api/notifications?unread_only=true', bob)).body.count).toBe(0);

      expect((await api(`/api/notifications/${id}`, bob, { method: 'DELETE' })).body).toEqual({ message: 'Notification deleted' });
      expect(await bobOtherTab.next()).toMatchObject({ subtype: 'deleted', data: { id } });
      expect((await api(`/api/notifications/${id}`, bob, { method: 'DELETE' })).status).toBe(404);
      expect(carolTab.messages).toEqual([]);
    } finally {
      for (const tab of [bobTab, bobOtherTab, carolTab]) tab.socket.close();
    }
  });

  it("never lets a socket hear another user's notifications, whatever it claims or asks to join", async () => {
    const victim = await registerAccount(server.url);
    const snoop = await registerAccount(server.url);
    const victimTab = await listen(victim);
    // Claims in the handshake are ignored: identity comes from the token alone.
    const tricky = io(server.url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      auth: { token: snoop.access_token, user_id: victim.user_id, room: `user:${victim.user_id}` },
      query: { user_id: victim.user_id, room: `user:${victim.user_id}` },
    });
    const overheard: unknown[] = [];
    tricky.onAny((event, message) => event !== 'runtime:hello' && overheard.push([event, message]));
    const hello = await new Promise<{ user_id: string }>((resolve) => tricky.once('runtime:hello', resolve));
    expect(hello.user_id).toBe(snoop.user_id);
    // Nothing a client emits joins a room.
    for (const event of ['join', 'subscribe', 'join_room', 'room:join']) tricky.emit(event, `user:${victim.user_id}`);
    tricky.emit('join', { room: `app:other` });
    try {
      await broadcastTo([victim.user_id], 'Private');
      expect((await victimTab.next()).subtype).toBe('new');
      // The snoop's socket is still connected and heard nothing.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(tricky.connected).toBe(true);
      expect(overheard).toEqual([]);
    } finally {
      tricky.close();
      victimTab.socket.close();
    }
  });

  it('pages the inbox and explains bad query parameters', async () => {
    const dave = await registerAccount(server.url);
    for (const title of ['one', 'two', 'three']) await broadcastTo([dave.user_id], title);
    const page = await api('/api/notifications?limit=2&offset=1', dave);
    expect(page.body.notifications.map((notification: { title: string }) => notification.title)).toEqual(['two', 'one']);
    expect(page.body).toMatchObject({ count: 2, total: 3, unread_count: 3 });
    for (const query of ['limit=abc', 'limit=1000', 'offset=-1', 'unread_only=perhaps']) {
      const { status, body } = await api(`/api/notifications?${query}`, dave);
      expect(status, query).toBe(422);
      expect(body.error_code, query).toBe('VALIDATION_ERROR');
    }
  });

  it('honours preferences: a type turned off is not delivered', async () => {
    const erin = await registerAccount(server.url);
    const config = await api('/api/notifications/config', erin);
    const due = config.body.config.notifications.find((type: { id: string }) => type.id === 'task_manager_task_due');
    expect(due).toMatchObject({ plugin: 'task_manager', channels: expect.arrayContaining(['in_app']) });
    expect(config.body.preferences.task_manager_task_due.enabled).toBe(true);

    const overdue = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await api('/api/execute/task_manager', erin, { body: { action: 'create', title: 'Water plants', due_date: overdue } });
    expect((await api('/api/notifications', erin)).body.notifications[0]).toMatchObject({ type: 'task_manager_task_due' });

    const saved = await api('/api/notification-preferences', erin, { body: { task_manager_task_due: { enabled: false } } });
    expect(saved.status).toBe(200);
    expect(saved.body.task_manager_task_due.enabled).toBe(false);
    await api('/api/execute/task_manager', erin, { body: { action: 'create', title: 'Feed cat', due_date: overdue } });
    expect((await api('/api/notifications', erin)).body.count).toBe(1);

    // The reference's second preference route writes the same store.
    const back = await api('/api/notifications/preferences', erin, { body: { task_manager_task_due: { enabled: true } } });
    expect(back.body).toMatchObject({ message: 'Notification preferences updated successfully' });
    expect((await api('/api/notification-preferences', erin)).body.task_manager_task_due.enabled).toBe(true);
  });

  it('explains bad preference input', async () => {
    const frank = await registerAccount(server.url);
    const unknown = await api('/api/notification-preferences', frank, { body: { no_such_type: { enabled: false } } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.known_types).toContain('task_manager_task_due');
    const wrong = await api('/api/notification-preferences', frank, { body: { task_manager_task_due: { enabled: 'nope' } } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.detail).toContain('enabled must be true or false');
    expect((await api('/api/notification-preferences', frank, { body: '{"x":' })).body.error_code).toBe('INVALID_JSON');
  });

  it('answers the push routes honestly when no VAPID keys are configured', async () => {
    const gina = await registerAccount(server.url);
    expect((await api('/api/push/vapid-public-key', null)).body).toEqual({ publicKey: null, enabled: false });
    const subscription = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { p256dh: 'key', auth: 'secret' } };
    const refused = await api('/api/push/subscribe', gina, { body: { subscription } });
    expect(refused.status).toBe(503);
    expect(refused.body.error_code).toBe('PUSH_NOT_CONFIGURED');
    expect((await api('/api/push/status', gina)).body).toEqual({ enabled: false, subscribed_devices: 0, vapid_public_key: null });
  });

  it('keeps the admin notification routes to admins, and records each broadcast', async () => {
    const user = await registerAccount(server.url);
    const routes: [string, string][] = [
      ['POST', '/__mozaiks/admin/notifications/broadcast'],
      ['GET', '/__mozaiks/admin/notifications/broadcasts'],
      ['POST', '/__mozaiks/admin/notifications/schedule'],
      ['GET', '/__mozaiks/admin/notifications/channels'],
    ];
    for (const [method, path] of routes) {
      const { status, body } = await api(path, user, { method, ...(method === 'POST' ? { body: {} } : {}) });
      expect(status, path).toBe(403);
      expect(body.error_code, path).toBe('FORBIDDEN');
    }
    const everyone = await api('/__mozaiks/admin/notifications/broadcast', admin, { body: { title: 'Hello all', message: 'Welcome aboard.' } });
    expect(everyone.body.sent_count).toBeGreaterThanOrEqual(2);
    const record = await api(`/__mozaiks/admin/notifications/broadcasts/${everyone.body.broadcast_id}`, admin);
    expect(record.body).toMatchObject({ title: 'Hello all', target: { type: 'all' }, status: 'completed', sent_count: everyone.body.sent_count, sender_id: admin.user_id });
    expect((await api('/__mozaiks/admin/notifications/broadcasts?limit=1', admin)).body.broadcasts[0].id).toBe(everyone.body.broadcast_id);
    expect((await api('/__mozaiks/admin/notifications/broadcasts/nope', admin)).status).toBe(404);

    const noChannel = await api('/__mozaiks/admin/notifications/broadcast', admin, { body: { title: 't', message: 'm', channels: ['sms'] } });
    expect(noChannel.status).toBe(422);
    expect(noChannel.body.enabled_channels).toEqual(['in_app']);
    const badTarget = await api('/__mozaiks/admin/notifications/broadcast', admin, { body: { title: 't', message: 'm', target: { type: 'query', filter: {} } } });
    expect(badTarget.status).toBe(422);
    const channels = await api('/__mozaiks/admin/notifications/channels', admin);
    expect(channels.body.channels).toContainEqual({ id: 'in_app', name: 'In-app', enabled: true });
  });

  it('schedules and cancels a notification through the admin routes', async () => {
    const hank = await registerAccount(server.url);
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await api('/__mozaiks/admin/notifications/schedule', admin, {
      body: { user_id: hank.user_id, title: 'Later', message: 'In an hour', scheduled_for: inAnHour },
    });
    expect(scheduled.body).toMatchObject({ success: true, notification_id: expect.any(String) });
    const path = `/__mozaiks/admin/notifications/schedule/${scheduled.body.notification_id}`;
    expect((await api(path, admin, { method: 'DELETE' })).body).toEqual({ success: true });
    expect((await api(path, admin, { method: 'DELETE' })).status).toBe(404);
    const badDate = await api('/__mozaiks/admin/notifications/schedule', admin, { body: { user_id: hank.user_id, title: 't', message: 'm', scheduled_for: 'soon' } });
    expect(badDate.status).toBe(422);
    const nobody = await api('/__mozaiks/admin/notifications/schedule', admin, { body: { user_id: 'nobody', title: 't', message: 'm', scheduled_for: inAnHour } });
    expect(nobody.status).toBe(404);
  });
});
