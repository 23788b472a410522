'use client';

import { SendHorizontal, Square } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Button } from '@/lib/ui/button';
import { Textarea } from '@/lib/ui/input';

export interface ComposerProps {
  /** A run is in progress: nothing can be sent, and Stop is offered. */
  isBusy: boolean;
  isSending: boolean;
  isStopping: boolean;
  onSend: (text: string) => Promise<boolean>;
  onStop: () => void;
  placeholder?: string;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  /** Focus the field when the composer appears (the widget's panel opening). */
  focusOnMount?: boolean;
}

/**
 * Where the user writes. Enter sends, Shift+Enter starts a new line. While a run is in progress the
 * field stays editable (so a draft is not lost and focus stays put) but sending waits, and Stop shows.
 */
export function Composer({ isBusy, isSending, isStopping, onSend, onStop, placeholder = 'Message the assistant…', inputRef, focusOnMount = false }: ComposerProps) {
  const [text, setText] = useState('');
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const field = inputRef ?? ownRef;
  const hintId = useId();
  const canSend = !isBusy && !isSending && text.trim().length > 0;

  useEffect(() => {
    if (focusOnMount) field.current?.focus();
    // Only on mount: later renders must not pull focus back from wherever the user moved it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const send = async () => {
    if (!canSend) return;
    const message = text;
    setText('');
    // A refused message comes back into the field, unless the user already started another.
    if (!(await onSend(message))) setText((current) => current || message);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form
      className="border-t border-line bg-surface p-3"
      aria-label="Send a message"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="flex items-end gap-2">
        <Textarea
          ref={field}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          rows={1}
          placeholder={placeholder}
          aria-label="Message"
          aria-describedby={hintId}
          maxLength={20_000}
          // One line that grows with the text: `!` wins over the kit's taller textarea default.
          className="field-sizing-content max-h-40 min-h-10! flex-1 resize-none"
          data-testid="composer-input"
        />
        {isBusy ? (
          <Button variant="secondary" onClick={onStop} disabled={isStopping} aria-label="Stop the assistant" data-testid="stop-button">
            <Square className="size-4" aria-hidden="true" />
            <span className="max-sm:sr-only">{isStopping ? 'Stopping…' : 'Stop'}</span>
          </Button>
        ) : (
          <Button type="submit" size="icon" disabled={!canSend} aria-label="Send message" data-testid="send-button">
            <SendHorizontal className="size-4" aria-hidden="true" />
          </Button>
        )}
      </div>
      <p id={hintId} className="mt-1 text-xs text-fg-muted">
        {isBusy ? 'The assistant is working. You can send when it is done, or stop it.' : 'Enter to send, Shift+Enter for a new line.'}
      </p>
    </form>
  );
}
