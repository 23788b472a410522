'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { startChat } from '@/lib/ai/client/api';
import { errorMessage } from '@/lib/http/browser';
import { Button } from '@/lib/ui/button';
import { toast } from '@/lib/ui/toast';

/** Starts (or resumes, as the start route decides) a chat of a workflow and opens it. */
export function StartWorkflowButton({ appId, workflowName, displayName }: { appId: string; workflowName: string; displayName: string }) {
  const router = useRouter();
  const [isStarting, setStarting] = useState(false);
  const start = async () => {
    setStarting(true);
    try {
      const chat = await startChat({ appId, workflowName, clientRequestId: crypto.randomUUID() });
      router.push(`/ai/${encodeURIComponent(chat.chat_id)}`);
    } catch (caught) {
      toast.error(`Could not start ${displayName}`, errorMessage(caught, 'Could not start the chat. Try again.'));
      setStarting(false);
    }
  };
  return (
    <Button onClick={() => void start()} pending={isStarting} pendingLabel="Starting…" aria-label={`Start ${displayName}`}>
      Start
    </Button>
  );
}
