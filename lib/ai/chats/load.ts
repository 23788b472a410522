/**
 * Loading a chat for its owner. A chat stored as running or waiting on the user, with no run of it in
 * this process and no live lease of another instance (./lease.ts), was interrupted (its instance
 * restarted or died mid-run): it is set back to idle, its open questions withdrawn, and the user told,
 * so the chat can go on rather than hang. A chat whose run lives on another instance is left alone.
 */
import { randomUUID } from 'node:crypto';
import { activeRun } from '@/lib/ai/runtime/runs';
import { claimChat, isHeldElsewhere, releaseChat } from './lease';
import { chatStream } from './stream';
import { findChat, updateChat, type ChatOwner, type ChatSession } from './store';

const isLive = (chat: ChatSession) => chat.state === 'running' || chat.state === 'waiting_input';

export async function loadChat(owner: ChatOwner, chatId: string): Promise<ChatSession | null> {
  const chat = await findChat(owner, chatId);
  if (!chat || !isLive(chat) || activeRun(owner, chatId) || isHeldElsewhere(chat)) return chat;
  return interrupt(owner, chat);
}

async function interrupt(owner: ChatOwner, chat: ChatSession): Promise<ChatSession | null> {
  const claim = `interrupted:${randomUUID()}`;
  // Claimed like a run: another instance interrupting the chat at the same moment, or a run starting
  // on one, cannot number events alongside these.
  if (!(await claimChat(owner, chat._id, claim))) return findChat(owner, chat._id);
  try {
    // Read again under the claim: the run may have ended (or a new one started here) meanwhile.
    const current = await findChat(owner, chat._id);
    if (!current || !isLive(current) || activeRun(owner, chat._id)) return current;
    const stream = await chatStream(owner, chat._id);
    for (const request of current.pending_inputs) stream.append('chat.input_ack', { input_request_id: request.input_request_id, status: 'cancelled' });
    stream.append('chat.error', { detail: 'The assistant was interrupted (its server stopped). Send your message again to continue.', error_code: 'RUN_INTERRUPTED' });
    stream.append('chat.run_complete', { run_id: 'interrupted', reason: 'failed', status: 0 });
    // Stored before the chat is idle again: the next run, wherever it starts, numbers after them.
    await stream.flush();
    const fields = { state: 'idle' as const, pending_inputs: [], last_sequence: stream.lastSeq };
    await updateChat(owner, chat._id, fields);
    return { ...current, ...fields };
  } finally {
    await releaseChat(owner, chat._id, claim);
  }
}
