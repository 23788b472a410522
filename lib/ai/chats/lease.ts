/**
 * A run's lease on its chat, stored on the chat document: which run holds the chat and on which
 * instance, and when that run last said it was alive. Instances behind a round-robin balancer share
 * chats through it: only one run of a chat at a time (the claim is one conditional update, so the
 * store decides between two instances), a chat whose holder lives elsewhere is left alone, and one
 * whose holder died (no renewal for a lease's length) counts as interrupted and may be claimed again.
 */
import { getEnv } from '@/lib/env';
import { instanceId } from '@/lib/events/bus';
import { redisLink } from '@/lib/realtime/redis';
import { logger } from '@/lib/runtime/logger';
import { chatSessions, type ChatOwner, type ChatSession } from './store';

/** How long a claim lasts without renewal (MOZAIKS_AI_RUN_LEASE_SECONDS). */
export function leaseMs(): number {
  return getEnv().ai.runLeaseSeconds * 1000;
}

/**
 * Whether other instances may share this one's chats: instances coordinate through Redis (REDIS_URL),
 * so without it this one is alone, and a claim it finds is its own or a dead predecessor's (a
 * restart): that chat is interrupted at once, as before leases, rather than after a lease's length.
 */
export function hasPeers(): boolean {
  return !!redisLink();
}

/** Whether a run (here or on another instance) holds the chat now. */
export function isHeld(chat: Pick<ChatSession, 'run'>, now = Date.now()): boolean {
  return !!chat.run && new Date(chat.run.seen_at).getTime() > now - leaseMs();
}

/** Whether the chat's holder is another instance (a run of this one is found in ../runtime/runs.ts instead). */
export function isHeldElsewhere(chat: Pick<ChatSession, 'run'>): boolean {
  return hasPeers() && isHeld(chat) && chat.run!.instance !== instanceId();
}

/**
 * Claims the chat for `runId` on this instance; false when a live run of another instance holds it
 * (`exclusive`, the default with peers; alone, the caller's check of this process's runs suffices).
 * `run: null` also matches chats stored before leases existed.
 */
export async function claimChat(owner: ChatOwner, chatId: string, runId: string, { exclusive = hasPeers() } = {}): Promise<boolean> {
  const now = new Date();
  const unheld = { $or: [{ run: null }, { 'run.seen_at': { $lt: new Date(now.getTime() - leaseMs()) } }] };
  const { matchedCount } = await chatSessions(owner).updateOne(
    { _id: chatId, ...(exclusive ? unheld : {}) },
    { $set: { run: { id: runId, instance: instanceId(), seen_at: now } } },
  );
  return matchedCount === 1;
}

/** Gives the chat back, if `runId` still holds it. */
export async function releaseChat(owner: ChatOwner, chatId: string, runId: string): Promise<void> {
  await chatSessions(owner).updateOne({ _id: chatId, 'run.id': runId }, { $set: { run: null } });
}

/**
 * Renews the claim every third of a lease until the returned function is called: two renewals may
 * fail (the store briefly away) before the claim lapses. Unref'd, so it never holds a process open.
 */
export function keepClaim(owner: ChatOwner, chatId: string, runId: string): () => void {
  const timer = setInterval(() => {
    chatSessions(owner)
      .updateOne({ _id: chatId, 'run.id': runId }, { $set: { 'run.seen_at': new Date() } })
      .catch((error: unknown) => logger.warn('chat lease not renewed', { chat_id: chatId, error }));
  }, leaseMs() / 3);
  timer.unref();
  return () => clearInterval(timer);
}
