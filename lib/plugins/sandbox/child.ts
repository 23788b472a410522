/**
 * The program a sandbox process runs (bundled to dist/sandbox/host.cjs): it locks the process down,
 * loads one plugin's bundle, and runs the calls the server sends, one at a time, giving the plugin a
 * `ctx` whose every capability is a request to the server. The server answers those in the name of
 * the call's caller, with the same checks as for a trusted plugin; nothing else leaves this process.
 */
import { isApiError } from '@/lib/errors';
import { invokePlugin } from '@/lib/plugins/invoke';
import type { PluginContext, PluginModule } from '@/lib/plugins/sdk';
import { lockDown, SANDBOX_DENIED } from './lockdown';
import { COLLECTION_METHODS, type FromSandbox, type SandboxCall, type SerializedError, type ToSandbox } from './protocol';

const [, , bundlePath, pluginName = 'plugin'] = process.argv;
const send = (message: FromSandbox) => process.send!(message);

/** An error the server sent back for a ctx request, rethrown in the plugin with its code. */
class CapabilityError extends Error {
  constructor(readonly serialized: SerializedError) {
    super(serialized.kind === 'validation' ? (serialized.issues[0]?.message ?? 'Invalid input') : serialized.kind === 'thrown' ? serialized.message : serialized.detail);
    this.name = 'CapabilityError';
  }
}

function serialize(error: unknown): SerializedError {
  if (error instanceof CapabilityError) return error.serialized;
  if (isApiError(error)) return { kind: 'api', error_code: error.errorCode, detail: error.detail, status: error.status, extra: error.extra };
  const candidate = error as { name?: unknown; issues?: unknown; code?: unknown; message?: unknown; permission?: unknown };
  // The plugin's own zod (bundled with it) made this one, so it is recognised by shape, not class.
  if (candidate?.name === 'ZodError' && Array.isArray(candidate.issues)) {
    const issues = (candidate.issues as { path?: PropertyKey[]; message?: string; code?: string }[]).map((issue) => ({ path: issue.path ?? [], message: String(issue.message ?? 'Invalid'), code: String(issue.code ?? 'custom') }));
    return { kind: 'validation', issues };
  }
  if (candidate?.code === SANDBOX_DENIED) return { kind: 'denied', detail: String(candidate.message) };
  // Node's permission model: the file system, child processes, workers, addons, the inspector.
  if (candidate?.code === 'ERR_ACCESS_DENIED') {
    const what = typeof candidate.permission === 'string' ? candidate.permission : 'this API';
    return { kind: 'denied', detail: `Access to ${what} is not allowed in the plugin sandbox` };
  }
  return { kind: 'thrown', message: error instanceof Error ? error.message : String(error) };
}

let current: number | undefined;
let nextSeq = 0;
const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function request(call: number, capability: string, method: string, args: unknown[]): Promise<unknown> {
  const seq = (nextSeq += 1);
  return new Promise((resolve, reject) => {
    waiting.set(seq, { resolve, reject });
    send({ type: 'request', call, seq, capability, method, args });
  });
}

function proxiedCollection(call: number, capability: 'db.collection' | 'db.personal', name: string) {
  return Object.fromEntries(COLLECTION_METHODS.map((method) => [method, (...args: unknown[]) => request(call, capability, method, [name, ...args])]));
}

/** A connector service whose every method is a request: `ctx.connectors.billing.getUsage(…)`. */
function proxiedService(call: number, service: string) {
  return new Proxy({}, { get: (_target, method) => (typeof method === 'string' ? (...args: unknown[]) => request(call, 'connectors', `${service}.${method}`, args) : undefined) });
}

function contextFor(id: number, call: SandboxCall, signal: AbortSignal): PluginContext {
  const ask = (capability: string, method: string) => (...args: unknown[]) => request(id, capability, method, args);
  const log = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => send({ type: 'log', call: id, level, message: String(message), fields });
  const connectors = new Proxy({} as Record<string, unknown>, {
    get: (_target, service) => (service === 'mode' ? call.connectors_mode : typeof service === 'string' ? proxiedService(id, service) : undefined),
  });
  return {
    app_id: call.app_id,
    user_id: call.user_id,
    identity: { ...call.identity, user_jwt: null } as PluginContext['identity'],
    db: {
      collection: (name: string) => proxiedCollection(id, 'db.collection', name),
      personal: (name: string) => proxiedCollection(id, 'db.personal', name),
    } as unknown as PluginContext['db'],
    settings: { get: ask('settings', 'get'), save: ask('settings', 'save') } as PluginContext['settings'],
    realtime: { sendToUser: ask('realtime', 'sendToUser'), broadcast: ask('realtime', 'broadcast') } as unknown as PluginContext['realtime'],
    events: { publish: ask('events', 'publish') } as unknown as PluginContext['events'],
    notifications: { create: ask('notifications', 'create'), schedule: ask('notifications', 'schedule'), cancel: ask('notifications', 'cancel') } as PluginContext['notifications'],
    http: { fetch: ask('http', 'fetch') } as PluginContext['http'],
    connectors: connectors as unknown as PluginContext['connectors'],
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    signal,
  };
}

async function run(logic: PluginModule, id: number, data: Record<string, unknown>, call: SandboxCall): Promise<void> {
  current = id;
  const controller = new AbortController();
  try {
    const value = await invokePlugin({ name: pluginName, module: logic, fields: data, data: () => data, ctx: contextFor(id, call, controller.signal) });
    send({ type: 'done', id, ok: true, value: value === undefined ? null : value });
  } catch (error) {
    send({ type: 'done', id, ok: false, error: serialize(error) });
  } finally {
    current = undefined;
    controller.abort(new Error('finished'));
  }
}

function main(): void {
  lockDown();
  // Loaded only now, after the lock-down: the plugin's top-level code runs sandboxed too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const logic = require(bundlePath!) as PluginModule;
  process.on('message', (message: ToSandbox) => {
    if (message.type === 'call') {
      if (current !== undefined) return send({ type: 'done', id: message.id, ok: false, error: { kind: 'thrown', message: 'sandbox busy' } });
      void run(logic, message.id, message.data, message.call);
      return;
    }
    const pending = waiting.get(message.seq);
    if (!pending) return;
    waiting.delete(message.seq);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new CapabilityError(message.error));
  });
  // The server went away (or cut the channel): nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

main();
