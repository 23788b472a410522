/**
 * One chat's events as Server-Sent Events, for browsers on servers without Socket.IO (plain
 * `next start`, serverless hosts): what the chat stored after the client's sequence number first,
 * then its live events, which reach this stream through the chat's room in the real-time feed from
 * whichever instance runs the chat. Each event's `id:` is its `seq`, so EventSource resumes by itself;
 * an event arriving both ways is sent once (only a `seq` above the last one sent goes out).
 */
import { CHAT_EVENT, type AnyChatEvent } from '@/lib/ai/protocol';
import { getChatEvents } from '@/lib/ai/runtime/chats';
import type { Identity } from '@/lib/auth/identity';
import { followRoom, latestInRoom, type Following } from '@/lib/realtime/feed';
import { chatRoom } from '@/lib/realtime/rooms';
import { sseResponse, type StreamTiming } from '@/lib/realtime/sse';
import { logger } from '@/lib/runtime/logger';

/** The stream of `chatId` after `afterSequence`; rejects with NOT_FOUND (before any stream) when the caller has no such chat. */
export async function chatEventStream({ identity, chatId, afterSequence, timing }: { identity: Identity; chatId: string; afterSequence: number; timing: StreamTiming }): Promise<Response> {
  const room = chatRoom(identity.app_id, chatId);
  // Where live events start, taken before the stored ones are read: nothing falls between the two.
  const from = await latestInRoom(room);
  const stored = await getChatEvents(identity, chatId, afterSequence);
  return sseResponse(timing, (channel) => {
    let lastSent = afterSequence;
    let stopped = false;
    let following: Following | undefined;
    const send = (event: AnyChatEvent) => {
      if (event.chat_id !== chatId || event.seq <= lastSent) return;
      lastSent = event.seq;
      channel.send({ id: String(event.seq), event: CHAT_EVENT, data: event });
    };
    for (const event of stored.events) send(event);
    channel.send({ event: 'ready', data: { chat_id: chatId, last_sequence: Math.max(stored.last_sequence, lastSent) } });
    followRoom(room, from, { deliver: (event) => send(event.message as AnyChatEvent), resync: () => channel.send({ event: 'resync', data: {} }) }).then(
      (started) => (stopped ? started.stop() : (following = started)),
      (error: unknown) => {
        logger.warn('chat stream could not follow its room', { error });
        channel.close();
      },
    );
    return () => {
      stopped = true;
      following?.stop();
    };
  });
}
