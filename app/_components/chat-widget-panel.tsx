'use client';

import { Maximize2, Plus, X } from 'lucide-react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { startChat } from '@/lib/ai/client/api';
import { errorMessage } from '@/lib/http/browser';
import { Button, buttonClasses } from '@/lib/ui/button';
import { SkeletonList } from '@/lib/ui/skeleton';

const starting = (
  <div className="p-4">
    <SkeletonList rows={3} label="Starting the assistant…" />
  </div>
);

// The chat's own code (transcript, composer, artifacts) follows once a chat exists.
const ChatView = dynamic(() => import('@/app/ai/_components/chat-view').then((module) => module.ChatView), { ssr: false, loading: () => starting });

/** The workflow the widget talks to. */
const WIDGET_WORKFLOW = 'TaskAssistant';

/**
 * The widget's chat is the one started with the request id kept in this browser: the start route
 * returns the chat of a known request id (and reuses others only for a few seconds), so the same
 * chat comes back after a reload or in another tab, until the user asks for a new one.
 */
function widgetRequestId(storageKey: string, isNew: boolean): string {
  try {
    const known = isNew ? null : localStorage.getItem(storageKey);
    if (known) return known;
    const created = crypto.randomUUID();
    localStorage.setItem(storageKey, created);
    return created;
  } catch {
    // Storage refused (private mode, quota): this page's chat still works, a reload starts another.
    return crypto.randomUUID();
  }
}

/**
 * The widget's panel, fetched on its first opening (chat-widget.tsx): the chat starts then (the start
 * route returns the user's recent one) and stays joined while the panel is closed, so reopening shows it
 * as it is.
 */
export function ChatWidgetPanel({ appId, userId, panelId, isOpen, onClose }: { appId: string; userId: string; panelId: string; isOpen: boolean; onClose: () => void }) {
  const [chatId, setChatId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setStarting] = useState(false);
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const composer = useRef<HTMLTextAreaElement>(null);

  const start = useCallback(async (isNew = false) => {
    setStarting(true);
    setError(null);
    try {
      const clientRequestId = widgetRequestId(`mozaiks:assistant-widget:${appId}:${userId}`, isNew);
      setChatId((await startChat({ appId, workflowName: WIDGET_WORKFLOW, clientRequestId, forceNew: isNew })).chat_id);
    } catch (caught) {
      setError(errorMessage(caught, 'Could not reach the assistant. Try again.'));
    } finally {
      setStarting(false);
    }
  }, [appId, userId]);

  // The first opening mounts the panel: that is when the chat starts.
  const started = useRef(false);
  useEffect(() => {
    if (!isOpen || started.current) return;
    started.current = true;
    void start();
  }, [isOpen, start]);

  // Focus goes into the panel: the message field once the chat is there, the panel itself before.
  useEffect(() => {
    if (!isOpen) return;
    (composer.current ?? panel.current)?.focus();
  }, [isOpen, chatId]);

  useEffect(() => {
    if (!isOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isOpen, onClose]);

  return (
    <div
      ref={panel}
      id={panelId}
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      hidden={!isOpen}
      className="fixed inset-x-2 top-18 bottom-20 z-40 flex flex-col overflow-hidden rounded-theme border border-line bg-surface shadow-xl outline-none sm:inset-x-auto sm:top-auto sm:right-4 sm:h-[min(38rem,calc(100dvh-7rem))] sm:w-[26rem]"
      data-testid="chat-widget-panel"
    >
      <div className="flex items-center gap-2 border-b border-line px-3 py-2">
        <h2 id={titleId} className="flex-1 text-sm font-semibold text-fg">
          Assistant
        </h2>
        {chatId && (
          <Button variant="ghost" size="icon" aria-label="Start a new chat" title="New chat" disabled={isStarting} onClick={() => void start(true)}>
            <Plus className="size-4" aria-hidden="true" />
          </Button>
        )}
        {chatId && (
          <Link href={`/ai/${encodeURIComponent(chatId)}`} className={buttonClasses({ variant: 'ghost', size: 'icon' })} aria-label="Open this chat in full" title="Open in full" onClick={onClose}>
            <Maximize2 className="size-4" aria-hidden="true" />
          </Link>
        )}
        <Button variant="ghost" size="icon" aria-label="Close the assistant" onClick={onClose}>
          <X className="size-4" aria-hidden="true" />
        </Button>
      </div>
      {chatId ? (
        <ChatView
          key={chatId}
          layout="compact"
          chatId={chatId}
          appId={appId}
          userId={userId}
          workflowName={WIDGET_WORKFLOW}
          composerRef={composer}
          focusOnMount
          emptyText="Ask about your tasks: “What is due this week?”, “Add a task to call Ann tomorrow”."
        />
      ) : error ? (
        <div role="alert" className="space-y-3 p-4 text-sm">
          <p className="text-danger">{error}</p>
          <Button variant="secondary" size="sm" onClick={() => void start()}>
            Try again
          </Button>
        </div>
      ) : (
        starting
      )}
    </div>
  );
}
