/**
 * Loading a chat for its owner. A chat stored as running or waiting on the user, with no run of it
 * in this process, was interrupted (the server restarted mid-run): it is set back to idle, its open
 * questions withdrawn, and the user told, so the chat can go on rather than hang.
 */
import { activeRun } from '@/lib/ai/runtime/runs';
import { chatStream } from './stream';
import { findChat, updateChat, type ChatOwner, type ChatSession } from './store';

export async function loadChat(owner: ChatOwner, chatId: string): Promise<ChatSession | null> {
  const chat = await findChat(owner, chatId);
  if (!chat || (chat.state !== 'running' && chat.state !== 'waiting_input') || activeRun(owner, chatId)) return chat;
  const stream = await chatStream(owner, chatId);
  // Checked again after the await: a run may have started meanwhile.
  if (activeRun(owner, chatId)) return chat;
  for (const request of chat.pending_inputs) stream.append('chat.input_ack', { input_request_id: request.input_request_id, status: 'cancelled' });
  stream.append('chat.error', { detail: 'The assistant was interrupted (the server restarted). Send your message again to continue.', error_code: 'RUN_INTERRUPTED' });
  stream.append('chat.run_complete', { run_id: 'interrupted', reason: 'failed', status: 0 });
  const fields = { state: 'idle' as const, pending_inputs: [], last_sequence: stream.lastSeq };
  await updateChat(owner, chatId, fields);
  await stream.flush();
  return { ...chat, ...fields };
}
