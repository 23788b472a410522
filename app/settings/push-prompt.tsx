'use client';

import { callApi } from '@/lib/api/client';
import { BellRing } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/lib/ui/button';

type PushState = 'checking' | 'unsupported' | 'denied' | 'off' | 'on' | 'working';

/** The VAPID key, base64url, as the bytes PushManager.subscribe wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let index = 0; index < raw.length; index++) bytes[index] = raw.charCodeAt(index);
  return bytes;
}

/** Whether this browser can take push, and whether this device already does. */
async function detectPushState(): Promise<PushState> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  try {
    const registration = await navigator.serviceWorker.getRegistration('/');
    return (await registration?.pushManager.getSubscription()) ? 'on' : 'off';
  } catch {
    return 'off';
  }
}

/** Offers browser notifications on this device, and lets the user turn them off again. */
export function PushPrompt({ publicKey }: { publicKey: string }) {
  const [state, setState] = useState<PushState>('checking');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void detectPushState().then(setState);
  }, []);

  const enable = async () => {
    setState('working');
    setError(null);
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        setState(Notification.permission === 'denied' ? 'denied' : 'off');
        return;
      }
      const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      const { endpoint, expirationTime, keys } = subscription.toJSON();
      if (!endpoint || !keys?.p256dh || !keys.auth) throw new Error('This browser gave no push address to send to.');
      await callApi('POST /api/push/subscribe', { body: { subscription: { endpoint, expirationTime, keys: { p256dh: keys.p256dh, auth: keys.auth } } } });
      setState('on');
    } catch (caught) {
      setError((caught as Error).message || 'Could not turn on browser notifications.');
      setState('off');
    }
  };

  const disable = async () => {
    setState('working');
    setError(null);
    try {
      const subscription = await (await navigator.serviceWorker.getRegistration('/'))?.pushManager.getSubscription();
      if (subscription) {
        await callApi('POST /api/push/unsubscribe', { body: { subscription: { endpoint: subscription.endpoint } } });
        await subscription.unsubscribe();
      }
      setState('off');
    } catch (caught) {
      setError((caught as Error).message);
      setState('on');
    }
  };

  if (state === 'checking') return null;
  const message: Record<Exclude<PushState, 'checking'>, string> = {
    unsupported: 'This browser cannot show notifications from the app.',
    denied: 'Notifications are blocked for this site. Allow them in your browser’s site settings, then reload.',
    off: 'Get notified on this device even when the app is closed.',
    on: 'Browser notifications are on for this device.',
    working: 'One moment…',
  };
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-theme border border-line bg-surface-alt p-3" data-testid="push-prompt">
      <BellRing className="size-5 shrink-0 text-accent" aria-hidden="true" />
      <p className="min-w-0 flex-1 text-sm text-fg" role="status">
        {message[state]}
        {error && <span className="block text-danger">{error}</span>}
      </p>
      {(state === 'off' || state === 'on') && (
        <Button variant="secondary" size="sm" onClick={() => void (state === 'off' ? enable() : disable())}>
          {state === 'off' ? 'Turn on browser notifications' : 'Turn off on this device'}
        </Button>
      )}
    </div>
  );
}
