/**
 * Sandbox processes: for each sandboxed plugin, up to MOZAIKS_SANDBOX_PROCESSES Node processes,
 * each running one call at a time (so a call can only ever act as its own caller), started with
 * Node's permission model, an empty environment and a heap limit. A process that crashes, hangs
 * past the deadline or outgrows its memory is killed; its call gets PLUGIN_CRASHED, PLUGIN_TIMEOUT
 * or PLUGIN_MEMORY_LIMIT, and the next call starts a fresh process.
 *
 * One user holds at most MOZAIKS_SANDBOX_PROCESSES_PER_USER of a plugin's processes at a time
 * (half, by default): their further calls wait for one of their own to end. Without it, one user's
 * endless loops held every process until their deadlines, and everyone else's calls waited as long.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ApiError, isErrorCode } from '@/lib/errors';
import { logger } from '@/lib/runtime/logger';
import { processSingleton } from '@/lib/runtime/global';
import type { SandboxFiles } from './bundle';
import type { FromSandbox, SandboxCall, SerializedError, ToSandbox } from './protocol';

/** Resident memory a sandbox process has before any plugin work (Node itself): allowed on top of the heap limit. */
export const SANDBOX_BASELINE_MB = 96;
/** How often a busy process's resident memory is read (Linux). */
const MEMORY_CHECK_MS = 50;
/** A process that has not said it is ready by then is given up. */
const START_TIMEOUT_MS = 10_000;
/** The last part of a process's stderr kept for the log when it dies. */
const STDERR_TAIL_BYTES = 4_000;
/** The permission model's switch: `--permission` on the Node lines we support (22.13+, 24; Node 24 refuses the old name), `--experimental-permission` on an older Node such as Debian bookworm's 20. */
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';

/** Answers a sandbox's request for a capability, in the name of the call's caller. */
export type CapabilityHandler = (capability: string, method: string, args: unknown[]) => Promise<unknown>;

interface ActiveCall {
  id: number;
  handle: CapabilityHandler;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface PoolSettings {
  plugin: string;
  files: () => Promise<SandboxFiles>;
  memoryMb: number;
  processes: number;
  /** How many of the processes one user's calls may hold at once; fewer than `processes`, so others always find one. */
  perUser: number;
  /** Development: true once the plugin's code changed, so running processes are replaced on the next call. */
  stale?: () => boolean;
}

/** Rebuilds on this side what the sandbox reported, so the caller gets the same answer as from a trusted plugin. */
export function deserializeError(plugin: string, error: SerializedError): unknown {
  switch (error.kind) {
    case 'api':
      // The child's ApiErrors are the runtime's own; a code outside the set would mean a broken bridge.
      return isErrorCode(error.error_code) ? new ApiError(error.error_code, error.detail, { status: error.status, extra: error.extra }) : new Error(`sandbox reported an unknown error code ${error.error_code}`);
    case 'validation':
      return new z.ZodError(error.issues.map((issue) => ({ ...issue, path: issue.path.filter((part): part is string | number => typeof part !== 'symbol') })) as z.core.$ZodIssue[]);
    case 'denied':
      return new ApiError('PLUGIN_PERMISSION_DENIED', `Plugin '${plugin}': ${error.detail}`);
    default:
      return new Error(error.message);
  }
}

function serializeForSandbox(error: unknown): SerializedError {
  if (error instanceof ApiError) return { kind: 'api', error_code: error.errorCode, detail: error.detail, status: error.status, extra: error.extra };
  if (error instanceof z.ZodError) return { kind: 'validation', issues: error.issues.map((issue) => ({ path: issue.path, message: issue.message, code: issue.code })) };
  // Whatever went wrong inside the server is not the plugin's to read.
  return { kind: 'thrown', message: 'The server could not complete this request' };
}

function residentMb(pid: number): number | undefined {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return (pages * 4096) / 2 ** 20;
  } catch {
    // Not Linux, or the process is gone: the heap limit still holds.
    return undefined;
  }
}

class SandboxProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  active: ActiveCall | undefined;
  /** Runs code older than the plugin's current one: stopped once its call is over. */
  retired = false;
  private killedFor: 'memory' | 'deadline' | 'shutdown' | undefined;
  private stderr = '';
  private memoryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: PoolSettings,
    files: SandboxFiles,
  ) {
    this.child = fork(files.host, [files.bundle, settings.plugin], {
      execArgv: [
        PERMISSION_FLAG,
        `--allow-fs-read=${files.host}`,
        `--allow-fs-read=${files.bundle}`,
        `--max-old-space-size=${settings.memoryMb}`,
        '--disable-warning=ExperimentalWarning',
      ],
      // Nothing of the server's environment: no secrets, no database address, no keys.
      env: {} as NodeJS.ProcessEnv,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(this.onExit(code, signal))));
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`sandbox for ${settings.plugin} did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      this.child.once('message', (message: FromSandbox) => {
        clearTimeout(timer);
        if (message.type === 'ready') resolve();
        else reject(new Error(`sandbox for ${settings.plugin} said ${message.type} before ready`));
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`sandbox for ${settings.plugin} exited while starting: ${this.stderr.trim().split('\n').slice(-3).join(' ') || 'no output'}`));
      });
    });
    this.ready.then(
      () => this.child.on('message', (message: FromSandbox) => void this.onMessage(message)),
      () => this.kill('shutdown'),
    );
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.killedFor === undefined;
  }

  run(call: Omit<ActiveCall, 'resolve' | 'reject'>, data: Record<string, unknown>, context: SandboxCall): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.active = { ...call, resolve, reject };
      this.watchMemory();
      this.send({ type: 'call', id: call.id, data, call: context });
    });
  }

  kill(reason: 'memory' | 'deadline' | 'shutdown'): void {
    this.killedFor ??= reason;
    this.child.kill('SIGKILL');
  }

  private send(message: ToSandbox): void {
    if (!this.child.connected) return;
    this.child.send(message, (error) => {
      if (error && this.alive) logger.warn('could not reach a sandbox process', { plugin: this.settings.plugin, error });
    });
  }

  private watchMemory(): void {
    const limit = this.settings.memoryMb + SANDBOX_BASELINE_MB;
    clearInterval(this.memoryTimer);
    this.memoryTimer = setInterval(() => {
      const pid = this.child.pid;
      const resident = pid === undefined ? undefined : residentMb(pid);
      if (resident !== undefined && resident > limit) this.kill('memory');
    }, MEMORY_CHECK_MS);
    this.memoryTimer.unref();
  }

  private finish(): ActiveCall | undefined {
    const call = this.active;
    this.active = undefined;
    clearInterval(this.memoryTimer);
    return call;
  }

  private async onMessage(message: FromSandbox): Promise<void> {
    const call = this.active;
    switch (message.type) {
      case 'done': {
        if (!call || message.id !== call.id) return;
        this.finish();
        if (message.ok) call.resolve(message.value);
        else call.reject(deserializeError(this.settings.plugin, message.error));
        return;
      }
      case 'log':
        if (call && message.call === call.id) call.log(message.level, message.message, message.fields);
        return;
      case 'request': {
        // A request outside the running call (a timer the plugin left behind) acts for no one.
        if (!call || message.call !== call.id) {
          this.send({ type: 'reply', seq: message.seq, ok: false, error: { kind: 'denied', detail: 'no call is running; capabilities are only there during a call' } });
          return;
        }
        try {
          const value = await call.handle(String(message.capability), String(message.method), Array.isArray(message.args) ? message.args : []);
          this.send({ type: 'reply', seq: message.seq, ok: true, value: value === undefined ? null : value });
        } catch (error) {
          this.send({ type: 'reply', seq: message.seq, ok: false, error: serializeForSandbox(error) });
        }
        return;
      }
      default:
        return;
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    const call = this.finish();
    const outOfMemory = this.killedFor === 'memory' || /heap limit|out of memory/i.test(this.stderr);
    const plugin = this.settings.plugin;
    if (this.killedFor !== 'shutdown' && this.killedFor !== 'deadline') {
      logger.warn('sandbox process ended', { plugin, code, signal, out_of_memory: outOfMemory, stderr: this.stderr.trim().split('\n').slice(-5).join('\n') });
    }
    if (!call) return;
    if (this.killedFor === 'deadline') call.reject(new ApiError('PLUGIN_TIMEOUT', `Plugin '${plugin}' ran past its deadline`));
    else if (outOfMemory) call.reject(new ApiError('PLUGIN_MEMORY_LIMIT', `Plugin '${plugin}' went past its sandbox memory limit (${this.settings.memoryMb} MiB) and was stopped`));
    else call.reject(new ApiError('PLUGIN_CRASHED', `Plugin '${plugin}' crashed during the call; it is restarted for the next one`));
  }
}

/** A call waiting for a process, in arrival order. */
interface Waiter {
  user: string;
  take: (process: SandboxProcess) => void;
  refuse: (error: ApiError) => void;
}

/** The processes of one sandboxed plugin. */
export class SandboxPool {
  private readonly processes = new Set<SandboxProcess>();
  private readonly idle: SandboxProcess[] = [];
  private readonly waiting: Waiter[] = [];
  /** Processes being started: counted with `processes`, or calls arriving together each started one past the limit. */
  private starting = 0;
  /** Processes each user's calls hold now (users holding none are not kept). */
  private readonly held = new Map<string, number>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly settings: PoolSettings) {}

  /**
   * Runs one call in a process of its own, for `user` (who may hold only `perUser` processes at
   * once); `signal` aborting (the deadline) kills that process, or gives up waiting for one.
   */
  async call({ user, data, context, handle, log, signal }: { user: string; data: Record<string, unknown>; context: SandboxCall; handle: CapabilityHandler; log: ActiveCall['log']; signal: AbortSignal }): Promise<unknown> {
    const process = await this.acquire(user, signal);
    const id = (this.nextId += 1);
    const onAbort = () => {
      if (process.active?.id === id) process.kill('deadline');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await process.run({ id, handle, log }, data, context);
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.hold(user, -1);
      this.release(process);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    // Calls waiting for a process would otherwise wait for their deadlines.
    for (const waiter of this.waiting.splice(0)) waiter.refuse(new ApiError('SERVICE_UNAVAILABLE', 'The server is shutting down'));
    const all = [...this.processes];
    for (const process of all) process.kill('shutdown');
    await Promise.all(all.map((process) => process.exited));
  }

  /** A process for `user`'s call, counted as theirs from the moment it is decided on (calls arrive together). */
  private async acquire(user: string, signal: AbortSignal): Promise<SandboxProcess> {
    if (this.closed) throw new ApiError('SERVICE_UNAVAILABLE', 'The server is shutting down');
    if (this.settings.stale?.()) this.retireAll();
    if (this.mayHoldMore(user)) {
      for (let process = this.idle.pop(); process; process = this.idle.pop()) {
        if (process.alive) {
          this.hold(user, 1);
          return process;
        }
      }
      if (this.processes.size + this.starting < this.settings.processes) {
        this.hold(user, 1);
        try {
          return await this.start();
        } catch (error) {
          this.hold(user, -1);
          throw error;
        }
      }
    }
    return new Promise<SandboxProcess>((resolve, reject) => {
      const waiter: Waiter = {
        user,
        take: (process) => {
          signal.removeEventListener('abort', giveUp);
          resolve(process);
        },
        refuse: (error) => {
          signal.removeEventListener('abort', giveUp);
          reject(error);
        },
      };
      const giveUp = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new ApiError('PLUGIN_TIMEOUT', `Plugin '${this.settings.plugin}' had no free sandbox before its deadline`));
      };
      signal.addEventListener('abort', giveUp, { once: true });
      this.waiting.push(waiter);
    });
  }

  private mayHoldMore(user: string): boolean {
    return (this.held.get(user) ?? 0) < this.settings.perUser;
  }

  private hold(user: string, change: 1 | -1): void {
    const count = (this.held.get(user) ?? 0) + change;
    if (count > 0) this.held.set(user, count);
    else this.held.delete(user);
  }

  private async start(): Promise<SandboxProcess> {
    let files: SandboxFiles;
    this.starting += 1;
    try {
      files = await this.settings.files();
    } catch (error) {
      logger.error('sandbox bundles unavailable', { plugin: this.settings.plugin, error });
      throw new ApiError('SERVICE_UNAVAILABLE', `Plugin '${this.settings.plugin}' cannot run: its sandbox could not be prepared`);
    } finally {
      this.starting -= 1;
    }
    const process = new SandboxProcess(this.settings, files);
    this.processes.add(process);
    void process.exited.then(() => {
      this.processes.delete(process);
      const index = this.idle.indexOf(process);
      if (index >= 0) this.idle.splice(index, 1);
      // A waiting call takes the place of the process that died.
      if (this.waiting.length && !this.closed) void this.start().then((next) => this.release(next), () => undefined);
    });
    try {
      await process.ready;
    } catch (error) {
      logger.error('sandbox process did not start', { plugin: this.settings.plugin, error });
      throw new ApiError('SERVICE_UNAVAILABLE', `Plugin '${this.settings.plugin}' cannot run: its sandbox did not start`);
    }
    return process;
  }

  /** Replaces every process with one running the current code: idle ones now, busy ones once their call is over. */
  private retireAll(): void {
    for (const process of this.idle.splice(0)) process.kill('shutdown');
    for (const process of this.processes) process.retired = true;
  }

  /** A free process goes to the longest-waiting call whose user holds less than their share, else to the idle ones. */
  private release(process: SandboxProcess): void {
    if (process.retired && process.alive) process.kill('shutdown');
    if (!process.alive || this.closed) return;
    const index = this.waiting.findIndex((waiter) => this.mayHoldMore(waiter.user));
    if (index < 0) {
      this.idle.push(process);
      return;
    }
    const [next] = this.waiting.splice(index, 1);
    this.hold(next!.user, 1);
    next!.take(process);
  }
}

const pools = processSingleton('sandbox-pools', () => new Map<string, SandboxPool>());

/** The pool of a plugin, made on first use. `key` tells apart two sources of one name (tests). */
export function sandboxPool(key: string, settings: () => PoolSettings): SandboxPool {
  let pool = pools.get(key);
  if (!pool) {
    pool = new SandboxPool(settings());
    pools.set(key, pool);
  }
  return pool;
}

/** Stops every sandbox process (server shutdown, the end of a test). */
export async function closeSandboxes(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}
