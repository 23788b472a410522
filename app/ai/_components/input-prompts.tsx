'use client';

import { useId, useState, type FormEvent } from 'react';
import type { InputRequestItem } from '@/lib/ai/client/transcript';
import type { InputAnswer } from '@/lib/ai/client/use-chat';
import { Button } from '@/lib/ui/button';
import { Field } from '@/lib/ui/field';
import { Input } from '@/lib/ui/input';
import { summarizeArgs } from './tool-call-card';

const OUTCOME: Record<InputRequestItem['state'], string> = {
  open: '',
  approved: 'You approved this.',
  denied: 'You denied this.',
  answered: 'You answered.',
  cancelled: 'No longer needed: the run ended.',
};

interface PromptProps {
  item: InputRequestItem;
  isBusy: boolean;
  onAnswer: (inputRequestId: string, answer: InputAnswer) => void;
}

/** "The assistant wants to delete … — Approve / Deny": a destructive tool waits for the chat's user. */
export function ApprovalPrompt({ item, isBusy, onAnswer }: PromptProps) {
  const { request } = item;
  const headingId = useId();
  const args = summarizeArgs(request.args ?? {});
  const isOpen = item.state === 'open';
  return (
    <div
      role="group"
      aria-labelledby={headingId}
      className={`rounded-theme border p-3 text-sm ${isOpen ? 'border-warning/50 bg-warning/10' : 'border-line bg-surface'}`}
      data-testid="approval-prompt"
      data-state={item.state}
    >
      <p id={headingId} className="font-semibold text-fg">
        {isOpen ? 'Your approval is needed' : 'Approval'}
      </p>
      <p className="mt-1 text-fg">
        {request.prompt || `The assistant wants to run ${request.tool_name ?? 'a tool'}.`}
      </p>
      {args && <p className="mt-1 font-mono text-xs break-all text-fg-muted">{args}</p>}
      {isOpen ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button size="sm" disabled={isBusy} onClick={() => onAnswer(request.input_request_id, { decision: 'approve' })}>
            Approve
          </Button>
          <Button size="sm" variant="secondary" disabled={isBusy} onClick={() => onAnswer(request.input_request_id, { decision: 'deny' })}>
            Deny
          </Button>
        </div>
      ) : (
        <p className="mt-2 text-xs text-fg-muted">{OUTCOME[item.state]}</p>
      )}
    </div>
  );
}

/** A question of the assistant's, answered in a field of its own. */
export function TextInputPrompt({ item, isBusy, onAnswer }: PromptProps) {
  const { request } = item;
  const [text, setText] = useState('');
  const isOpen = item.state === 'open';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onAnswer(request.input_request_id, { text: text.trim() });
  };
  return (
    <div className="rounded-theme border border-accent/40 bg-accent/5 p-3 text-sm" data-testid="text-prompt" data-state={item.state}>
      {isOpen ? (
        <form onSubmit={submit} className="flex items-end gap-2">
          <Field label={request.prompt} className="min-w-0 flex-1">
            <Input value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" />
          </Field>
          <Button type="submit" disabled={isBusy || !text.trim()}>
            Answer
          </Button>
        </form>
      ) : (
        <>
          <p className="font-medium text-fg">{request.prompt}</p>
          <p className="mt-1 text-xs text-fg-muted">{OUTCOME[item.state]}</p>
        </>
      )}
    </div>
  );
}
