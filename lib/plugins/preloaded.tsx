'use client';
/**
 * The calls a plugin page's server render made for it (lib/director/preload.ts), handed to the page
 * through context so that `usePreloaded` can give a call's result on the first render, on the server
 * and in the browser alike.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { preloadKey, type PreloadedCalls } from './preload-key';

const Preloaded = createContext<{ plugin: string; calls: PreloadedCalls } | null>(null);

export function PreloadedCallsProvider({ plugin, calls, children }: { plugin: string; calls: PreloadedCalls; children: ReactNode }) {
  return <Preloaded.Provider value={{ plugin, calls }}>{children}</Preloaded.Provider>;
}

/** The result the server fetched for this call of `plugin`, or undefined when it did not (or it failed). */
export function usePreloadedCall(plugin: string, action: string, input: unknown): unknown {
  const preloaded = useContext(Preloaded);
  return preloaded?.plugin === plugin ? preloaded.calls[preloadKey(action, input)] : undefined;
}
