/**
 * The writer and the reviewer under the built-in local model: deterministic, so the handoffs show
 * offline — the reviewer asks for one revision, then approves it, and the chat ends.
 */
import type { LocalMessage, LocalReply, LocalTurn } from '@/lib/ai/workflows/definition';

/** Messages of `agent` since the user last spoke. */
function sinceUser(messages: LocalMessage[], agent: string): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role === 'user') break;
    if (message.role === 'assistant' && message.agent === agent) count++;
  }
  return count;
}

export function Writer(turn: LocalTurn): LocalReply {
  const topic = (turn.lastUserText ?? 'something').trim().replace(/[.!?]+$/, '');
  const title = topic.charAt(0).toUpperCase() + topic.slice(1);
  const draft = `**${title}**\n\n${title} matters more than it seems: it shapes how people spend their time and what they notice.`;
  if (sinceUser(turn.messages, 'Writer') === 0) return { text: draft };
  return { text: `${draft} For example, ten minutes a day of it adds up to more than sixty hours a year.` };
}

export function Reviewer(turn: LocalTurn): LocalReply {
  if (sinceUser(turn.messages, 'Reviewer') === 0) return { object: { approved: false, feedback: 'Add a concrete example.' } };
  return { object: { approved: true, feedback: 'Clear, and the example makes it concrete. Approved.' } };
}
