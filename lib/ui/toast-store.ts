/** The toasts on screen: a tiny store that `toast()` writes and the one <Toaster/> in the shell reads. */
export type ToastTone = 'success' | 'error' | 'info';

export interface ToastMessage {
  id: number;
  tone: ToastTone;
  title: string;
  description?: string;
}

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
 * A toast raised before the viewport's code arrived waits here and shows when it does.
 */
export const toast = {
  success: (title: string, description?: string) => add('success', title, description),
  error: (title: string, description?: string) => add('error', title, description),
  info: (title: string, description?: string) => add('info', title, description),
};

export const toastStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: (): readonly ToastMessage[] => shown,
  dismiss(id: number): void {
    update(shown.filter((other) => other.id !== id));
  },
};
