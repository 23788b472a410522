import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as AfterResponseModule from './after-response';
import type * as LifecycleModule from './lifecycle';

/** What the fake request scope was handed: Next's after() as a serverless host sees it (waitUntil). */
const handed: Promise<unknown>[] = [];
let inRequestScope = false;

/** Next's after(), with its refusal outside a request. */
function fakeAfter(task: Promise<unknown>): void {
  if (!inRequestScope) throw new Error('`after` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context');
  handed.push(task);
}

let keepAliveUntilSettled: (typeof AfterResponseModule)['keepAliveUntilSettled'];
let backgroundWorkSettled: (typeof AfterResponseModule)['backgroundWorkSettled'];
let setServerKind: (typeof LifecycleModule)['setServerKind'];

// Both modules keep process singletons; each test starts from fresh ones.
beforeEach(async () => {
  for (const name of ['after-response', 'lifecycle']) delete (globalThis as Record<symbol, unknown>)[Symbol.for(`mozaiks.${name}`)];
  vi.resetModules();
  handed.length = 0;
  inRequestScope = false;
  const afterResponse = await import('./after-response');
  ({ keepAliveUntilSettled, backgroundWorkSettled } = afterResponse);
  afterResponse.provideAfter(fakeAfter);
  ({ setServerKind } = await import('./lifecycle'));
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('keepAliveUntilSettled', () => {
  it('hands work started in a Next request to after(), so the host waits for it', () => {
    setServerKind('next');
    inRequestScope = true;
    const work = deferred();
    keepAliveUntilSettled(work.promise);
    expect(handed).toEqual([work.promise]);
  });

  it('tracks work started outside a request under next start, and shutdown waits for it', async () => {
    setServerKind('next');
    const work = deferred();
    keepAliveUntilSettled(work.promise);
    expect(handed).toEqual([]);
    const settled = backgroundWorkSettled();
    expect(await settledWithin(settled, 50)).toBe(false);
    work.resolve();
    expect(await settledWithin(settled, 1_000)).toBe(true);
  });

  it('never asks after() on the custom server, whose endpoints Next does not dispatch', async () => {
    setServerKind('custom');
    inRequestScope = true;
    const work = deferred();
    keepAliveUntilSettled(work.promise);
    expect(handed).toEqual([]);
    expect(await settledWithin(backgroundWorkSettled(), 50)).toBe(false);
    work.resolve();
    expect(await settledWithin(backgroundWorkSettled(), 1_000)).toBe(true);
  });

  it('says once when the host gives after() nothing to wait with, and tracks the work itself', async () => {
    setServerKind('next');
    const { provideAfter } = await import('./after-response');
    provideAfter(() => {
      throw new Error('`after()` will not work correctly, because `waitUntil` is not available in the current environment.');
    });
    const { logger } = await import('./logger');
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const work = deferred();
    keepAliveUntilSettled(work.promise);
    keepAliveUntilSettled(Promise.resolve());
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/after\(\) is not available on this host/);
    expect(await settledWithin(backgroundWorkSettled(), 50)).toBe(false);
    work.resolve();
    expect(await settledWithin(backgroundWorkSettled(), 1_000)).toBe(true);
  });

  it('leaves a failure to the work’s owner: the wait still ends', async () => {
    setServerKind('custom');
    const failing = Promise.reject(new Error('delivery failed'));
    failing.catch(() => undefined);
    keepAliveUntilSettled(failing);
    expect(await settledWithin(backgroundWorkSettled(), 1_000)).toBe(true);
  });
});
