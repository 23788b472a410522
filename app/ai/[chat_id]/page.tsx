import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireIdentity } from '@/lib/auth/page';
import { Button } from '@/lib/ui/button';
import { ChatView } from '../_components/chat-view';
import { loadChatPage } from '../data';

export const metadata: Metadata = { title: 'Assistant' };

/** One chat with an assistant: the transcript, and its artifacts beside it (below, in a drawer, on narrow screens). */
export default async function ChatPage({ params }: { params: Promise<{ chat_id: string }> }) {
  const identity = await requireIdentity();
  const { chat_id: chatId } = await params;
  const data = await loadChatPage(identity, chatId);
  if (!data.exists) notFound();

  return (
    <div className="flex h-[calc(100dvh-4rem-2*var(--mz-container-padding))] min-h-[28rem] flex-col gap-3">
      <header className="flex min-w-0 items-center gap-3">
        <Button asChild variant="ghost" size="icon">
          <Link href="/ai" aria-label="Back to Assistant">
            <ArrowLeft className="size-5" aria-hidden="true" />
          </Link>
        </Button>
        <h1 className="truncate text-xl text-fg">{data.meta?.title || 'Chat'}</h1>
      </header>
      <ChatView
        key={chatId}
        layout="page"
        chatId={chatId}
        appId={identity.app_id}
        userId={identity.user_id}
        workflowName={data.meta?.workflow_name}
        initialMeta={data.meta}
        initialEvents={data.events}
      />
    </div>
  );
}
