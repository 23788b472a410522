'use client';

import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { Toast as Primitive } from 'radix-ui';
import { useSyncExternalStore } from 'react';
import { cn } from './cn';

export type ToastTone = 'success' | 'error' | 'info';

interface ToastMessage {
  id: number;
  tone: ToastTone;
  title: string;
  description?: string;
}

/** The toasts on screen: a tiny store that `toast()` writes and the one <Toaster/> in the shell reads. */
let shown: readonly ToastMessage[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function update(next: readonly ToastMessage[]) {
  shown = next;
  for (const listener of listeners) listener();
}

function add(tone: ToastTone, title: string, description?: string) {
  // At most three at once: a burst of failures should not cover the page.
  update([...shown.slice(-2), { id: nextId++, tone, title, description }]);
}

/**
 * Tells the user how an action went, without moving focus: `toast.success('Task deleted')`,
 * `toast.error('Could not save', error.message)`. Errors are announced assertively and stay longer.
 */
export const toast = {
  success: (title: string, description?: string) => add('success', title, description),
  error: (title: string, description?: string) => add('error', title, description),
  info: (title: string, description?: string) => add('info', title, description),
};

const icons = { success: CircleCheck, error: CircleAlert, info: Info } as const;
const toneClasses: Record<ToastTone, string> = { success: 'text-success', error: 'text-danger', info: 'text-accent' };

/** Renders the toasts; mounted once in the app shell (and in a plugin's own layout only if it has no shell). */
export function Toaster() {
  const messages = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => shown,
    () => shown,
  );
  return (
    <Primitive.Provider swipeDirection="right">
      {messages.map((message) => {
        const Icon = icons[message.tone];
        return (
          <Primitive.Root
            key={message.id}
            type={message.tone === 'error' ? 'foreground' : 'background'}
            duration={message.tone === 'error' ? 8_000 : 4_000}
            onOpenChange={(open) => !open && update(shown.filter((other) => other.id !== message.id))}
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
