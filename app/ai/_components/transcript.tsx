import type { SpeakerItem, TranscriptItem } from '@/lib/ai/client/transcript';
import type { InputAnswer } from '@/lib/ai/client/use-chat';
import { ApprovalPrompt, TextInputPrompt } from './input-prompts';
import { RichText } from './rich-text';
import { ToolCallCard } from './tool-call-card';

function speakerText(item: SpeakerItem): string {
  if (!item.previous) return `${item.agent} has the turn`;
  return item.reason === 'handoff' ? `${item.previous} handed off to ${item.agent}` : `${item.agent} takes over from ${item.previous}`;
}

/** Who wrote a text item, shown when the author changes. */
function showsAgent(items: TranscriptItem[], index: number): boolean {
  const item = items[index];
  if (item?.kind !== 'text') return false;
  for (let before = index - 1; before >= 0; before--) {
    const previous = items[before];
    if (previous?.kind === 'text') return previous.agent !== item.agent;
    if (previous?.kind === 'user' || previous?.kind === 'speaker') return true;
  }
  return true;
}

export interface TranscriptProps {
  items: TranscriptItem[];
  answering: ReadonlySet<string>;
  onAnswer: (inputRequestId: string, answer: InputAnswer) => void;
}

/** The conversation: the user's messages, the agents' replies, tool calls, questions and handoffs. */
export function Transcript({ items, answering, onAnswer }: TranscriptProps) {
  return (
    <ol className="space-y-3" aria-label="Conversation" data-testid="transcript">
      {items.map((item, index) => {
        switch (item.kind) {
          case 'user':
            return (
              <li key={item.key} className="flex justify-end" data-testid="user-message" data-pending={item.isPending ? 'true' : undefined}>
                <div className={`max-w-[85%] rounded-theme bg-accent px-3 py-2 text-sm whitespace-pre-wrap break-words text-accent-contrast ${item.isPending ? 'opacity-70' : ''}`}>
                  <span className="sr-only">You: </span>
                  {item.content}
                  {item.isPending && <span className="sr-only"> (sending)</span>}
                </div>
              </li>
            );
          case 'text':
            return (
              <li key={item.key} className="max-w-[92%] text-sm text-fg" data-testid="agent-message" data-streaming={item.isStreaming ? 'true' : 'false'}>
                {showsAgent(items, index) ? (
                  <p className="mb-1 text-xs font-medium text-fg-muted">{item.agent}</p>
                ) : (
                  <span className="sr-only">{item.agent}: </span>
                )}
                <div className="rounded-theme border border-line bg-surface px-3 py-2">
                  {item.content ? <RichText text={item.content} /> : <span className="text-fg-muted">…</span>}
                  {item.isStreaming && <span aria-hidden="true" className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-fg-muted align-text-bottom" />}
                </div>
              </li>
            );
          case 'tool':
            return (
              <li key={item.key} className="max-w-[92%]">
                <ToolCallCard item={item} />
              </li>
            );
          case 'input':
            return (
              <li key={item.key} className="max-w-[92%]">
                {item.request.kind === 'approval' ? (
                  <ApprovalPrompt item={item} isBusy={answering.has(item.request.input_request_id)} onAnswer={onAnswer} />
                ) : (
                  <TextInputPrompt item={item} isBusy={answering.has(item.request.input_request_id)} onAnswer={onAnswer} />
                )}
              </li>
            );
          case 'speaker':
            return (
              <li key={item.key} className="flex items-center gap-3 text-xs text-fg-muted" data-testid="speaker-change">
                <span aria-hidden="true" className="h-px flex-1 bg-line" />
                <span>{speakerText(item)}</span>
                <span aria-hidden="true" className="h-px flex-1 bg-line" />
              </li>
            );
          case 'error':
            return (
              <li key={item.key} className="rounded-theme border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="chat-error">
                {item.detail}
              </li>
            );
        }
      })}
    </ol>
  );
}

/** Shown while the run works and no text is streaming yet: someone is thinking. */
export function TypingIndicator({ agent }: { agent: string | null }) {
  return (
    <div className="flex items-center gap-2 text-sm text-fg-muted" data-testid="typing-indicator">
      <span aria-hidden="true" className="flex gap-1">
        {/* Delays as classes, not style attributes: the page's CSP admits no inline style attributes. */}
        {['[animation-delay:0ms]', '[animation-delay:150ms]', '[animation-delay:300ms]'].map((delay) => (
          <span key={delay} className={`size-1.5 animate-bounce rounded-full bg-fg-muted ${delay}`} />
        ))}
      </span>
      <span>{agent ? `${agent} is working…` : 'Working…'}</span>
    </div>
  );
}
