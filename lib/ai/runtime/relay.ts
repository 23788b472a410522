/**
 * Answers and stops for a run that lives on another instance (several instances behind a round-robin
 * balancer, no sticky sessions): the instance that received the user's request checks it against the
 * stored chat, then relays it here to every instance; the one holding the run applies it.
 *
 * A relayed message is built by the runtime from the user's own authenticated request, never from
 * model or tool output, and the holder applies it only to a run of that same app, user and chat, and
 * an answer only to that run's open request: approvals still only ever come from the user.
 */
import { z } from 'zod';
import type { ChatOwner } from '@/lib/ai/chats/store';
import { onInstanceMessage, sendToInstances } from '@/lib/realtime/instances';
import { activeRun, findPendingInput, type InputAnswer } from './runs';

const TOPIC = 'ai-runs';
/** How long the holder waits for a relayed answer's question to be registered (it is stored just before). */
const ANSWER_WAIT_MS = 2_000;

const inputAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approval'), approved: z.boolean() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]) satisfies z.ZodType<InputAnswer>;

const target = { app_id: z.string(), user_id: z.string(), chat_id: z.string() };
const relayMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), ...target, input_request_id: z.string(), answer: inputAnswer }),
  z.object({ kind: z.literal('stop'), ...target }),
]);
type RelayMessage = z.infer<typeof relayMessage>;

/** Relays the user's answer to the instance whose run asked; false when no other instance can be reached. */
export function relayAnswer({ owner, chatId, inputRequestId, answer }: { owner: ChatOwner; chatId: string; inputRequestId: string; answer: InputAnswer }): Promise<boolean> {
  return send({ kind: 'answer', app_id: owner.app_id, user_id: owner.user_id, chat_id: chatId, input_request_id: inputRequestId, answer: inputAnswer.parse(answer) });
}

/** Relays a stop to the instance running the chat; false when no other instance can be reached. */
export function relayStop(owner: ChatOwner, chatId: string): Promise<boolean> {
  return send({ kind: 'stop', app_id: owner.app_id, user_id: owner.user_id, chat_id: chatId });
}

function send(message: RelayMessage): Promise<boolean> {
  return sendToInstances(TOPIC, message);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function apply(raw: unknown): Promise<void> {
  const message = relayMessage.parse(raw);
  const owner = { app_id: message.app_id, user_id: message.user_id };
  const run = activeRun(owner, message.chat_id);
  // Every instance hears every message; only the one running this chat acts.
  if (!run) return;
  if (message.kind === 'stop') return void run.controller.abort();
  // The question is stored before the run waits on it: a quick answer may arrive in between.
  for (const started = Date.now(); Date.now() - started < ANSWER_WAIT_MS; await wait(50)) {
    const pending = findPendingInput(owner, message.input_request_id);
    if (pending?.run === run) return pending.resolve(message.answer);
    if (run.controller.signal.aborted) return;
  }
}

onInstanceMessage(TOPIC, apply);
