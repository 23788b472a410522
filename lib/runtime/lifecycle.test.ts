import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as LifecycleModule from './lifecycle';

type Lifecycle = typeof LifecycleModule;
let getReadiness: Lifecycle['getReadiness'];
let markFailed: Lifecycle['markFailed'];
let markReady: Lifecycle['markReady'];
let markStopping: Lifecycle['markStopping'];
let registerDependencyCheck: Lifecycle['registerDependencyCheck'];

// The lifecycle is a process singleton; each test starts from a fresh one.
beforeEach(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('mozaiks.lifecycle')];
  vi.resetModules();
  ({ getReadiness, markFailed, markReady, markStopping, registerDependencyCheck } = await import('./lifecycle'));
});

describe('readiness', () => {
  it('is not ready until start-up completes', async () => {
    expect(await getReadiness()).toEqual({ ready: false, reason: 'startup_in_progress' });
    markReady();
    expect(await getReadiness()).toEqual({ ready: true });
  });

  it('reports shutting down and start-up failures', async () => {
    markReady();
    markStopping();
    expect(await getReadiness()).toEqual({ ready: false, reason: 'shutting_down' });
    markFailed('ConfigError');
    expect(await getReadiness()).toEqual({ ready: false, reason: 'ConfigError' });
  });

  it('is not ready while a required dependency is down, and recovers with it', async () => {
    const { logger } = await import('./logger');
    const warned = vi.spyOn(logger, 'warn').mockImplementation(() => {});
    let databaseUp = false;
    registerDependencyCheck('database', async () => databaseUp);
    registerDependencyCheck('cache', async () => {
      throw new Error('ECONNREFUSED');
    });
    markReady();
    expect(await getReadiness()).toEqual({ ready: false, reason: 'dependency_unavailable: database, cache' });
    expect(warned).toHaveBeenCalledWith('dependency check failed', expect.objectContaining({ dependency: 'cache' }));
    databaseUp = true;
    registerDependencyCheck('cache', async () => true);
    expect(await getReadiness()).toEqual({ ready: true });
  });
});
