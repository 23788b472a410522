/**
 * The seam between the socket server and the AI runtime. Socket handlers run in the custom server's
 * bundle (server.ts), the runtime in Next's; the runtime registers its operations here when it loads,
 * so a chat message arriving over a socket runs in the same copy of the code as one over HTTP.
 */
import type { Identity } from '@/lib/auth/identity';
import { processSingleton } from '@/lib/runtime/global';

/** What the socket handlers may ask the runtime to do, on behalf of the socket's verified user. */
export interface ChatOperations {
  sendMessage(input: { identity: Identity; chatId: string; text: string }): Promise<void>;
  submitInput(input: { identity: Identity; inputRequestId: string; text?: string; decision?: 'approve' | 'deny' }): Promise<void>;
  stopChat(input: { identity: Identity; chatId: string }): Promise<'stopped' | 'idle'>;
}

export const aiHub = processSingleton('ai-hub', () => ({ operations: undefined as ChatOperations | undefined }));
