'use client';

import { Layers, MessageSquare, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { isStreaming, type RunState } from '@/lib/ai/client/transcript';
import { useChat, type UseChatOptions } from '@/lib/ai/client/use-chat';
import { Button } from '@/lib/ui/button';
import { EmptyState } from '@/lib/ui/empty-state';
import { SkeletonList } from '@/lib/ui/skeleton';
import { ArtifactPanel } from './artifact-panel';
import { Composer } from './composer';
import { ConnectionBanner } from './connection-banner';
import { Transcript, TypingIndicator } from './transcript';

const RUN_LABEL: Record<RunState, string> = {
  idle: 'Ready',
  running: 'Working…',
  waiting: 'Waiting for you',
  completed: 'Completed',
  failed: 'Failed',
};

/** Within this many pixels of the bottom, the transcript follows new content. */
const STICK_PX = 80;

export interface ChatViewProps extends UseChatOptions {
  /** `page`: the artifact panel beside the transcript on wide screens; `compact` (the widget): artifacts in an overlay. */
  layout: 'page' | 'compact';
  emptyText?: string;
  composerRef?: RefObject<HTMLTextAreaElement | null>;
  /** Focus the message field when the chat appears. */
  focusOnMount?: boolean;
}

/** One live chat: the transcript, the composer, the artifacts, and the connection's state. */
export function ChatView({ layout, emptyText = 'Ask the assistant anything to begin.', composerRef, focusOnMount, ...options }: ChatViewProps) {
  const chat = useChat(options);
  const { transcript } = chat;
  const isBusy = transcript.runState === 'running' || transcript.runState === 'waiting';
  const streaming = isStreaming(transcript);
  const scroller = useRef<HTMLDivElement>(null);
  const sticks = useRef(true);
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const [seenArtifactId, setSeenArtifactId] = useState(transcript.artifacts[0]?.artifactId ?? null);
  const drawerId = useId();
  const drawerToggle = useRef<HTMLButtonElement>(null);
  const drawerClose = useRef<HTMLButtonElement>(null);
  const newestArtifact = transcript.artifacts[0]?.artifactId ?? null;
  const hasUnseenArtifact = newestArtifact !== null && newestArtifact !== seenArtifactId;

  useEffect(() => {
    if (sticks.current && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [transcript.items, streaming, isBusy]);

  useEffect(() => {
    if (!isDrawerOpen) return;
    drawerClose.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // The widget closes on Escape too; the drawer inside it closes first.
      event.stopPropagation();
      setDrawerOpen(false);
      drawerToggle.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [isDrawerOpen]);

  const openDrawer = () => {
    setDrawerOpen(true);
    setSeenArtifactId(newestArtifact);
  };
  const closeDrawer = () => {
    setDrawerOpen(false);
    drawerToggle.current?.focus();
  };

  const sendFromArtifact = async (message: string) => {
    const sent = await chat.send(message);
    if (sent && isDrawerOpen) closeDrawer();
    return sent;
  };

  const completed = transcript.lastCompleted;
  const announcement = completed && completed.seq > chat.liveAfterSeq ? `${completed.agent}: ${completed.content}` : '';
  const isEmpty = transcript.items.length === 0;
  const tokens = transcript.usage.totalTokens;
  const panel = <ArtifactPanel artifacts={transcript.artifacts} onSend={sendFromArtifact} isBusy={isBusy || chat.isSending} />;
  const drawerOnly = layout === 'compact' ? '' : 'lg:hidden';

  return (
    <div className={`relative flex min-h-0 flex-1 gap-4 ${layout === 'page' ? 'lg:flex-row' : ''}`} data-testid="chat-view" data-run-state={transcript.runState}>
      <section aria-label="Chat" className={`flex min-h-0 min-w-0 flex-1 flex-col overflow-hidden bg-surface ${layout === 'page' ? 'rounded-theme border border-line' : ''}`}>
        <div className="flex items-center gap-2 border-b border-line px-3 py-2 text-xs whitespace-nowrap text-fg-muted">
          <span data-testid="run-state">{RUN_LABEL[transcript.runState]}</span>
          {tokens > 0 && <span className="max-sm:hidden" title={`${transcript.usage.inputTokens} in, ${transcript.usage.outputTokens} out`}>· {tokens.toLocaleString()} tokens</span>}
          <Button
            ref={drawerToggle}
            variant="ghost"
            size="sm"
            className={`ml-auto ${drawerOnly}`}
            aria-expanded={isDrawerOpen}
            aria-controls={drawerId}
            onClick={isDrawerOpen ? closeDrawer : openDrawer}
            data-testid="artifacts-toggle"
          >
            <Layers className="size-4" aria-hidden="true" />
            Artifacts{transcript.artifacts.length > 0 ? ` (${transcript.artifacts.length})` : ''}
            {hasUnseenArtifact && (
              <>
                <span aria-hidden="true" className="size-2 rounded-full bg-accent" />
                <span className="sr-only">, new</span>
              </>
            )}
          </Button>
        </div>
        <ConnectionBanner connection={chat.connection} />
        <div
          ref={scroller}
          className="min-h-0 flex-1 overflow-y-auto p-3 sm:p-4"
          onScroll={(event) => {
            const element = event.currentTarget;
            sticks.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
          }}
        >
          {isEmpty && !chat.isJoined ? (
            <div data-testid="chat-loading">
              <SkeletonList rows={3} label="Loading the conversation…" />
            </div>
          ) : isEmpty && !isBusy ? (
            <EmptyState icon={MessageSquare} title={emptyText} data-testid="chat-empty" />
          ) : (
            <Transcript items={transcript.items} answering={chat.answering} onAnswer={(id, answer) => void chat.answer(id, answer)} />
          )}
          {transcript.runState === 'running' && !streaming && (
            <div className="mt-3">
              <TypingIndicator agent={transcript.currentAgent} />
            </div>
          )}
        </div>
        <div aria-live="polite" className="sr-only" data-testid="chat-announcement">
          {announcement}
          {transcript.openInputs.length > 0 ? ' The assistant is waiting for your answer.' : ''}
        </div>
        {chat.error && (
          <div role="alert" className="flex items-start gap-2 border-t border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="chat-action-error">
            <p className="flex-1">{chat.error}</p>
            <Button variant="ghost" size="sm" onClick={chat.dismissError}>
              Dismiss
            </Button>
          </div>
        )}
        <Composer
          isBusy={isBusy}
          isSending={chat.isSending}
          isStopping={chat.isStopping}
          onSend={chat.send}
          onStop={() => void chat.stop()}
          inputRef={composerRef}
          focusOnMount={focusOnMount}
        />
      </section>

      {layout === 'page' && (
        <aside aria-label="Artifacts" className="hidden min-h-0 w-80 shrink-0 flex-col overflow-y-auto rounded-theme border border-line bg-surface lg:flex xl:w-96">
          <h2 className="border-b border-line px-4 py-2 text-sm font-semibold text-fg">Artifacts</h2>
          {panel}
        </aside>
      )}

      {isDrawerOpen && (
        <div className={`${layout === 'compact' ? 'absolute' : 'fixed'} inset-0 z-40 flex justify-end ${drawerOnly}`}>
          <div aria-hidden="true" className="absolute inset-0 bg-black/40" onClick={closeDrawer} />
          <div id={drawerId} role="dialog" aria-label="Artifacts" className="relative flex h-full w-full max-w-sm flex-col bg-surface shadow-xl">
            <div className="flex items-center justify-between border-b border-line px-4 py-2">
              <h2 className="text-sm font-semibold text-fg">Artifacts</h2>
              <Button ref={drawerClose} variant="ghost" size="icon" aria-label="Close artifacts" onClick={closeDrawer}>
                <X className="size-4" aria-hidden="true" />
              </Button>
            </div>
            <div className="min-h-0 flex-1 overflow-y-auto">{panel}</div>
          </div>
        </div>
      )}
    </div>
  );
}
