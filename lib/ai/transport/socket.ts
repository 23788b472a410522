/**
 * The chat messages of the shared Socket.IO connection (lib/realtime). A socket joins a chat's room
 * only after the chat is found in its user's own scope; another user's chat id is answered exactly as
 * one that does not exist. Joining replays every event after the client's last sequence number and
 * enters the room in one step (see lib/ai/chats/stream.ts), so a reconnecting client misses nothing
 * and receives nothing twice (the replay may arrive before the acknowledgement; clients apply events
 * by `seq`). Every message is answered through the acknowledgement callback.
 */
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { aiHub, type ChatOperations } from '@/lib/ai/hub';
import { CHAT_EVENT, CLIENT_MESSAGES, chatJoinMessage, chatLeaveMessage, chatStopMessage, userInputMessage, type ChatAck } from '@/lib/ai/protocol';
import { loadChat } from '@/lib/ai/chats/load';
import { chatMeta } from '@/lib/ai/chats/store';
import { chatStream } from '@/lib/ai/chats/stream';
import type { Identity } from '@/lib/auth/identity';
import { ApiError, isApiError } from '@/lib/errors';
import { parseOrRefuse } from '@/lib/http/validate';
import { chatRoom } from '@/lib/realtime/rooms';
import { logger } from '@/lib/runtime/logger';

type Ack = (answer: ChatAck<Record<string, unknown>>) => void;

function failure(error: unknown): ChatAck {
  if (isApiError(error)) return { ok: false, detail: error.detail, error_code: String(error.errorCode) };
  logger.error('chat socket message failed', { error });
  return { ok: false, detail: 'Something went wrong', error_code: 'INTERNAL_ERROR' };
}

function operations(): ChatOperations {
  const ops = aiHub.operations;
  if (!ops) throw new ApiError('SERVICE_UNAVAILABLE', 'The AI runtime is starting; try again in a moment');
  return ops;
}

/** The reference's `client.resume {chat_id, lastClientIndex}`, or ours. */
const resumeMessage = z.object({
  chat_id: z.string().min(1).max(200),
  lastClientIndex: z.number().int().min(-1).optional(),
  last_sequence: z.number().int().min(-1).optional(),
});

/** Registers one handler: parses the message with `schema`, runs `handle`, acknowledges either way. */
function on<S extends z.ZodType>(socket: Socket, event: string, schema: S, handle: (message: z.output<S>) => Promise<Record<string, unknown>>): void {
  socket.on(event, (raw: unknown, ack?: unknown) => {
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
    Promise.resolve()
      .then(() => handle(parseOrRefuse(schema, raw, { what: event, subject: 'message' })))
      .then(
        (answer) => reply({ ok: true, ...answer }),
        (error: unknown) => reply(failure(error)),
      );
  });
}

async function join(socket: Socket, identity: Identity, chatId: string, lastSequence: number): Promise<Record<string, unknown>> {
  const chat = await loadChat(identity, chatId);
  if (!chat) throw new ApiError('NOT_FOUND', 'Chat not found');
  const stream = await chatStream(identity, chatId);
  // Synchronously from here to the end: replay what the client missed and enter the room, with no
  // chance for a live event to be emitted in between (it would overtake the replay, or be lost).
  for (const event of stream.after(lastSequence)) socket.emit(CHAT_EVENT, event);
  void socket.join(chatRoom(identity.app_id, chatId));
  return { meta: chatMeta(identity, chat, stream.lastSeq) };
}

/** Adds the chat messages to a connected, authenticated socket. */
export function handleChatMessages(socket: Socket, identity: Identity): void {
  on(socket, CLIENT_MESSAGES.join, chatJoinMessage, ({ chat_id, last_sequence }) => join(socket, identity, chat_id, last_sequence));
  // The reference's name for the same thing.
  on(socket, CLIENT_MESSAGES.resume, resumeMessage, (message) => join(socket, identity, message.chat_id, message.last_sequence ?? message.lastClientIndex ?? -1));
  on(socket, CLIENT_MESSAGES.leave, chatLeaveMessage, async ({ chat_id }) => {
    await socket.leave(chatRoom(identity.app_id, chat_id));
    return {};
  });
  on(socket, CLIENT_MESSAGES.input, userInputMessage, async ({ chat_id, input_request_id, text, decision }) => {
    if (input_request_id) await operations().submitInput({ identity, inputRequestId: input_request_id, text, decision });
    else await operations().sendMessage({ identity, chatId: chat_id, text });
    return {};
  });
  on(socket, CLIENT_MESSAGES.stop, chatStopMessage, async ({ chat_id }) => ({ status: await operations().stopChat({ identity, chatId: chat_id }) }));
}
