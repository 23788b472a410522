'use client';

import { useLazyModule } from './lazy';

export { toast, type ToastTone } from './toast-store';

const loadView = () => import('./toast-view');

/**
 * Renders the toasts; mounted once in the app shell (and in a plugin's own layout only if it has no
 * shell). Its Radix code arrives after the page hydrated (toasts follow actions, never the first paint);
 * a toast raised before that shows once it has.
 */
export function Toaster() {
  const view = useLazyModule(loadView);
  return view ? <view.ToastViewport /> : null;
}
