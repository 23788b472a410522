'use client';

import { BotMessageSquare, X } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { useCallback, useId, useRef, useState } from 'react';
import { Button } from '@/lib/ui/button';
import { useLazyModule } from '@/lib/ui/lazy';
import { SkeletonList } from '@/lib/ui/skeleton';

// Fetched on the first opening: every page shows the button, few open the chat (bench/pages.ts).
const loadPanel = () => import('./chat-widget-panel');

/**
 * The assistant a click away on every page: a button bottom-right opening a compact chat with the
 * task assistant (chat-widget-panel.tsx). Hidden on the /ai pages, which show chats in full.
 */
export function ChatWidget({ appId, userId }: { appId: string; userId: string }) {
  const pathname = usePathname();
  const [isOpen, setOpen] = useState(false);
  const [wasOpened, setWasOpened] = useState(false);
  const panelModule = useLazyModule(loadPanel, wasOpened);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const isOnAssistantPage = pathname === '/ai' || pathname.startsWith('/ai/');

  const open = () => {
    setOpen(true);
    setWasOpened(true);
  };
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);

  if (isOnAssistantPage) return null;

  return (
    <>
      {panelModule ? (
        <panelModule.ChatWidgetPanel appId={appId} userId={userId} panelId={panelId} isOpen={isOpen} onClose={close} />
      ) : (
        isOpen && (
          <div id={panelId} className="fixed right-4 bottom-20 z-40 w-[26rem] max-w-[calc(100vw-1rem)] rounded-theme border border-line bg-surface p-4 shadow-xl">
            <SkeletonList rows={3} label="Starting the assistant…" />
          </div>
        )
      )}
      <Button
        ref={button}
        onClick={isOpen ? close : open}
        aria-expanded={isOpen}
        aria-controls={wasOpened ? panelId : undefined}
        aria-label={isOpen ? 'Close the assistant' : 'Open the assistant'}
        size="icon"
        // A round floating button: the kit's primary look, larger and above the page.
        className="fixed right-4 bottom-4 z-40 size-12! rounded-full! shadow-lg"
        data-testid="chat-widget-button"
      >
        {isOpen ? <X className="size-5" aria-hidden="true" /> : <BotMessageSquare className="size-6" aria-hidden="true" />}
      </Button>
    </>
  );
}
