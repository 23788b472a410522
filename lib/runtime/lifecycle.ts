import { processSingleton } from './global';
import { logger } from './logger';

/** Where the process is in its life; /ready answers 200 only in `ready`. */
export type RuntimePhase = 'starting' | 'ready' | 'stopping' | 'failed';

/**
 * What serves this process: `custom`, server.ts (a long-lived process that awaits its background work
 * on shutdown), or `next`, plain `next start` and serverless hosts, where Next owns the process.
 */
export type ServerKind = 'custom' | 'next';

/** A dependency the app cannot serve without (the database, later); resolves false or throws when down. */
export type DependencyCheck = () => Promise<boolean>;

const state = processSingleton('lifecycle', () => ({
  phase: 'starting' as RuntimePhase,
  failure: undefined as string | undefined,
  checks: new Map<string, DependencyCheck>(),
  /** True when the custom server attached Socket.IO; plain `next start` leaves it false. */
  realtime: false,
  /** Set by start-up; unknown (undefined) in specs that never start the runtime. */
  server: undefined as ServerKind | undefined,
}));

export function getPhase(): RuntimePhase {
  return state.phase;
}

export function markReady(): void {
  if (state.phase === 'starting') state.phase = 'ready';
}

/** Called on SIGTERM/SIGINT so load balancers stop routing here while in-flight requests finish. */
export function markStopping(): void {
  state.phase = 'stopping';
}

export function markFailed(reason: string): void {
  state.phase = 'failed';
  state.failure = reason;
}

/** Registers a required dependency; /ready answers 503 while its check fails. */
export function registerDependencyCheck(name: string, check: DependencyCheck): void {
  state.checks.set(name, check);
}

export function setRealtimeAvailable(available: boolean): void {
  state.realtime = available;
}

/** Whether this process serves Socket.IO (the custom server) or not (plain `next start`, serverless). */
export function isRealtimeAvailable(): boolean {
  return state.realtime;
}

/** How browsers get live messages from this process: its sockets, or the SSE endpoint where it has none. */
export function realtimeTransport(): 'socket' | 'sse' {
  return state.realtime ? 'socket' : 'sse';
}

/** Recorded once by start-up: whichever entry point starts the runtime first is the one serving. */
export function setServerKind(server: ServerKind): void {
  state.server ??= server;
}

/** Whether server.ts serves this process (false under `next start`, serverless hosts, and specs that start no runtime). */
export function isCustomServer(): boolean {
  return state.server === 'custom';
}

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(name: string, check: DependencyCheck): Promise<{ name: string; ok: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    const failed = (error: unknown) => {
      logger.warn('dependency check failed', { dependency: name, error });
      return false;
    };
    const ok = await Promise.race([check().catch(failed), timeout]);
    return { name, ok };
  } finally {
    clearTimeout(timer);
  }
}

export type Readiness = { ready: true } | { ready: false; reason: string };

export async function getReadiness(): Promise<Readiness> {
  switch (state.phase) {
    case 'starting':
      return { ready: false, reason: 'startup_in_progress' };
    case 'stopping':
      return { ready: false, reason: 'shutting_down' };
    case 'failed':
      return { ready: false, reason: state.failure ?? 'startup_failed' };
    case 'ready': {
      const results = await Promise.all([...state.checks].map(([name, check]) => runCheck(name, check)));
      const down = results.filter((result) => !result.ok).map((result) => result.name);
      return down.length ? { ready: false, reason: `dependency_unavailable: ${down.join(', ')}` } : { ready: true };
    }
  }
}
