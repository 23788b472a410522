'use client';

import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { Toast as Primitive } from 'radix-ui';
import { useSyncExternalStore } from 'react';
import { cn } from './cn';
import { toastStore, type ToastTone } from './toast-store';

const icons = { success: CircleCheck, error: CircleAlert, info: Info } as const;
const toneClasses: Record<ToastTone, string> = { success: 'text-success', error: 'text-danger', info: 'text-accent' };

/** The toasts and Radix' viewport (an announced region); <Toaster/> fetches this after the page hydrated. */
export function ToastViewport() {
  const messages = useSyncExternalStore(toastStore.subscribe, toastStore.snapshot, toastStore.snapshot);
  return (
    <Primitive.Provider swipeDirection="right">
      {messages.map((message) => {
        const Icon = icons[message.tone];
        return (
          <Primitive.Root
            key={message.id}
            type={message.tone === 'error' ? 'foreground' : 'background'}
            duration={message.tone === 'error' ? 8_000 : 4_000}
            onOpenChange={(open) => !open && toastStore.dismiss(message.id)}
            className="flex items-start gap-3 rounded-theme border border-line bg-surface p-3 text-fg shadow-lg"
            data-testid="toast"
            data-tone={message.tone}
          >
            <Icon aria-hidden className={cn('mt-0.5 size-5 shrink-0', toneClasses[message.tone])} />
            <div className="min-w-0 flex-1 space-y-0.5">
              <Primitive.Title className="text-sm font-medium">{message.title}</Primitive.Title>
              {message.description && <Primitive.Description className="text-sm text-fg-muted">{message.description}</Primitive.Description>}
            </div>
            <Primitive.Close aria-label="Dismiss" className="rounded-theme p-0.5 text-fg-muted hover:text-fg">
              <X aria-hidden className="size-4" />
            </Primitive.Close>
          </Primitive.Root>
        );
      })}
      <Primitive.Viewport className="fixed right-0 bottom-0 z-[60] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
    </Primitive.Provider>
  );
}
