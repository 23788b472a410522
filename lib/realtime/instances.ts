/**
 * Messages for whichever instance of the app holds something only it can act on (an AI run waiting
 * for its user's answer): sent to every instance over Redis (./redis.ts), and handled by the handler
 * registered for their topic, which ignores what it does not hold. Unlike the event bus, nothing here
 * reaches plugins or the event history: the messages may carry a user's answers.
 *
 * Handlers are process-wide, so a message received by the custom server's copy of this module reaches
 * the handler Next's copy of the AI runtime registered.
 */
import { processSingleton } from '@/lib/runtime/global';
import { logger } from '@/lib/runtime/logger';

type Handler = (message: unknown) => unknown;

const state = processSingleton('instance-messages', () => ({
  handlers: new Map<string, Handler>(),
  send: undefined as ((payload: string) => Promise<void>) | undefined,
}));

/** Handles the messages of `topic` from every instance, this one's included; replaces an earlier handler (hot reload). */
export function onInstanceMessage(topic: string, handler: Handler): void {
  state.handlers.set(topic, handler);
}

/** Sends a message to every instance; false when there are none to reach (no Redis) or Redis is away. */
export async function sendToInstances(topic: string, message: unknown): Promise<boolean> {
  if (!state.send) return false;
  await state.send(JSON.stringify({ topic, message }));
  return true;
}

/** Set by ./redis.ts while it is connected. */
export function setInstanceSender(send: ((payload: string) => Promise<void>) | undefined): void {
  state.send = send;
}

/** Called by ./redis.ts with each message received. */
export function receiveInstanceMessage(payload: string): void {
  try {
    const { topic, message } = JSON.parse(payload) as { topic: string; message: unknown };
    const handler = state.handlers.get(topic);
    if (handler) Promise.resolve(handler(message)).catch((error: unknown) => logger.error('instance message not handled', { topic, error }));
  } catch (error) {
    logger.warn('unreadable instance message ignored', { error });
  }
}
