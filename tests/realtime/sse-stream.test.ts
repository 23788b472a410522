/**
 * GET /api/realtime/stream: live messages as Server-Sent Events, on the custom server and under plain
 * `next start` (how serverless hosts run the app): a notification reaches the stream, a reconnect with
 * Last-Event-ID receives what it missed once and in order, a foreign Last-Event-ID is ignored, the
 * stream sends heartbeats and ends by itself before a host's limit, and no credentials get 401 JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../support/accounts';
import { startServer, type RunningServer, type ServerMode } from '../support/server';
import { openSse, type SseStream } from '../support/sse';

async function notify(server: RunningServer, admin: { headers: Record<string, string> }, userId: string, title: string): Promise<void> {
  const response = await fetch(`${server.url}/__mozaiks/admin/notifications/broadcast`, {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ title, message: title, target: { type: 'user_ids', ids: [userId] } }),
  });
  expect(response.status).toBe(200);
}

const titleOf = (frame: { data: unknown }) => (frame.data as { data: { title: string } }).data.title;

describe.each<ServerMode>(['custom', 'next-start'])('the SSE stream (%s)', (mode) => {
  let server: RunningServer;
  let admin: Awaited<ReturnType<typeof registerAccount>>;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    server = await startServer({
      mode,
      env: { MOZAIKS_REALTIME_STREAM_SECONDS: '6', MOZAIKS_REALTIME_HEARTBEAT_SECONDS: '1', MOZAIKS_EMBEDDED_STORE: 'allow' },
    });
    admin = await registerAccount(server.url);
  }, 90_000);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server?.stop();
  });

  const open = async (...args: Parameters<typeof openSse>) => {
    const stream = await openSse(...args);
    streams.push(stream);
    return stream;
  };

  it('refuses a request without credentials with 401 JSON, not a stream', async () => {
    const response = await fetch(`${server.url}/api/realtime/stream`, { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ error_code: 'AUTH_REQUIRED' });
  });

  it('carries a notification to the user’s stream, and only theirs', async () => {
    const [user, bystander] = await Promise.all([registerAccount(server.url), registerAccount(server.url)]);
    const stream = await open(`${server.url}/api/realtime/stream`, { headers: user.headers });
    const other = await open(`${server.url}/api/realtime/stream`, { headers: bystander.headers });
    expect(stream.status).toBe(200);
    const ready = await stream.next('ready');
    expect(ready.id).toMatch(/^\d+-\d+_\d+-\d+$/);
    expect(ready.data).toMatchObject({ user_id: user.user_id });
    expect(stream.retry()).toBeGreaterThan(0);
    await other.next('ready');
    await notify(server, admin, user.user_id, 'Hello over SSE');
    const frame = await stream.next('notification');
    expect(frame).toMatchObject({ data: { type: 'notification', subtype: 'new', data: { title: 'Hello over SSE', user_id: user.user_id } } });
    expect(frame.id).toMatch(/^\d+-\d+_\d+-\d+$/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(other.frames.filter((f) => f.event === 'notification')).toEqual([]);
  });

  it('replays what a reconnecting client missed, once and in order, then goes on live', async () => {
    const user = await registerAccount(server.url);
    const first = await open(`${server.url}/api/realtime/stream`, { headers: user.headers });
    await first.next('ready');
    await notify(server, admin, user.user_id, 'seen');
    const seen = await first.next('notification');
    first.close();
    for (const title of ['missed 1', 'missed 2', 'missed 3']) await notify(server, admin, user.user_id, title);

    const again = await open(`${server.url}/api/realtime/stream`, { headers: user.headers, lastEventId: seen.id });
    const titles = () => again.frames.filter((f) => f.event === 'notification').map(titleOf);
    // The replay comes first, then `ready` (whose id is where the client now is), then live messages.
    await again.next('ready');
    expect(titles()).toEqual(['missed 1', 'missed 2', 'missed 3']);
    await notify(server, admin, user.user_id, 'live');
    await expect.poll(titles).toEqual(['missed 1', 'missed 2', 'missed 3', 'live']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(titles()).toHaveLength(4);
  });

  it('ignores a Last-Event-ID that is not one of ours', async () => {
    const user = await registerAccount(server.url);
    for (const foreign of ['42', 'not-an-id', '1-1_1-1_1-1', 'x'.repeat(150)]) {
      const stream = await open(`${server.url}/api/realtime/stream`, { headers: user.headers, lastEventId: foreign });
      expect(stream.status).toBe(200);
      expect((await stream.next('ready')).id).toMatch(/^\d+-\d+_\d+-\d+$/);
      expect(stream.frames.map((f) => f.event)).toEqual(['ready']);
      stream.close();
    }
  });

  it('sends heartbeats, and ends by itself after MOZAIKS_REALTIME_STREAM_SECONDS', async () => {
    const user = await registerAccount(server.url);
    const stream = await open(`${server.url}/api/realtime/stream`, { headers: user.headers });
    const startedAt = Date.now();
    await stream.ended;
    const lasted = Date.now() - startedAt;
    expect(lasted).toBeGreaterThan(4_000);
    expect(lasted).toBeLessThan(20_000);
    expect(stream.comments()).toBeGreaterThanOrEqual(3);
  }, 30_000);
});
