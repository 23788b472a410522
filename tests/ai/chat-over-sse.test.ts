/**
 * A chat's events as Server-Sent Events, under plain `next start` (no Socket.IO) and on the custom server
 * (for pages whose WebSockets are blocked; its live events once went to socket rooms only, and such a page
 * polled): the stream sends what the chat stored after the client's `seq`, then the run's live events as
 * they happen, each with its `seq` as `id:`; a reconnect with Last-Event-ID resumes after it with nothing
 * twice; another user's chat is not found, and no credentials get 401 JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyChatEvent } from '@/lib/ai/protocol';
import { registerAccount } from '../support/accounts';
import { jsonClient } from '../support/http';
import { startServer, type RunningServer } from '../support/server';
import { openSse } from '../support/sse';

const APP = 'acme_sse_chat';
const seqs = (frames: { event: string; data: unknown }[]) => frames.filter((frame) => frame.event === 'chat:event').map((frame) => (frame.data as AnyChatEvent).seq);

describe.each([
  { mode: 'next-start', server: 'plain `next start`' },
  { mode: 'custom', server: 'the custom server with Socket.IO' },
] as const)('a chat over SSE, on $server', ({ mode }) => {
  let server: RunningServer;
  let alice: Awaited<ReturnType<typeof registerAccount>>;
  let bob: Awaited<ReturnType<typeof registerAccount>>;
  const call = jsonClient(() => server.url);

  beforeAll(async () => {
    server = await startServer({ mode, env: { MOZAIKS_APP_ID: APP, MOZAIKS_AI_LOCAL_DELAY_MS: '20' }, readyTimeoutMs: 60_000 });
    [alice, bob] = await Promise.all([registerAccount(server.url), registerAccount(server.url)]);
  }, 90_000);
  afterAll(async () => server?.stop());

  const streamUrl = (chatId: string, after = -1) => `${server.url}/api/chats/stream/${APP}/${chatId}?after_sequence=${after}`;

  it('streams a run live, and resumes after Last-Event-ID with nothing twice', async () => {
    const started = await call(`/api/chats/${APP}/TaskAssistant/start`, alice.headers, { force_new: true });
    expect(started.status).toBe(200);
    const chatId = started.body.chat_id as string;

    const stream = await openSse(streamUrl(chatId), { headers: alice.headers });
    try {
      await stream.next('ready');
      expect((await call(`/chat/${APP}/${chatId}/${alice.user_id}/input`, alice.headers, { message: 'hello there' })).status).toBe(200);
      await expect
        .poll(() => stream.frames.some((frame) => frame.event === 'chat:event' && (frame.data as AnyChatEvent).type === 'chat.run_complete'), { timeout: 20_000 })
        .toBe(true);
      const all = seqs(stream.frames);
      expect(all.length).toBeGreaterThan(3);
      expect(all).toEqual([...all].sort((x, y) => x - y));
      expect(new Set(all).size).toBe(all.length);
      expect(stream.frames.find((frame) => frame.event === 'chat:event')!.id).toBe(String(all[0]));

      // A reconnect that saw up to the middle: the rest, once.
      const middle = all[Math.floor(all.length / 2)]!;
      const resumed = await openSse(streamUrl(chatId), { headers: alice.headers, lastEventId: String(middle) });
      try {
        await resumed.next('ready');
        expect(seqs(resumed.frames)).toEqual(all.filter((seq) => seq > middle));
      } finally {
        resumed.close();
      }
    } finally {
      stream.close();
    }
  }, 60_000);

  it('answers another user’s chat as one that does not exist, and no credentials with 401 JSON', async () => {
    const started = await call(`/api/chats/${APP}/TaskAssistant/start`, alice.headers, { force_new: true });
    const chatId = started.body.chat_id as string;
    const foreign = await fetch(streamUrl(chatId), { headers: bob.headers });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error_code: 'NOT_FOUND' });
    const anonymous = await fetch(streamUrl(chatId));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
