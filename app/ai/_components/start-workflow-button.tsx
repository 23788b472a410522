'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { startChat } from '@/lib/ai/client/api';
import { ApiRequestError } from '@/lib/http/browser';
import { buttonStyle } from './styles';
import { InlineError } from '@/app/_components/form-field';

/** Starts (or resumes, as the start route decides) a chat of a workflow and opens it. */
export function StartWorkflowButton({ appId, workflowName, displayName }: { appId: string; workflowName: string; displayName: string }) {
  const router = useRouter();
  const [isStarting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const chat = await startChat({ appId, workflowName, clientRequestId: crypto.randomUUID() });
      router.push(`/ai/${encodeURIComponent(chat.chat_id)}`);
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'Could not start the chat. Try again.');
      setStarting(false);
    }
  };
  return (
    <div className="space-y-2">
      <button type="button" className={buttonStyle.primary} onClick={() => void start()} disabled={isStarting} aria-label={`Start ${displayName}`}>
        {isStarting ? 'Starting…' : 'Start'}
      </button>
      <InlineError message={error} />
    </div>
  );
}
