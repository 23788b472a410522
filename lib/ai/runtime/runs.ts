/**
 * The runs in progress in this process, and the questions they wait on. Process-wide (shared by
 * Next's bundles and the custom server's socket handlers), so an answer arriving over a socket or
 * over HTTP reaches the run that asked.
 */
import type { InputRequest } from '@/lib/ai/protocol';
import { processSingleton } from '@/lib/runtime/global';
import type { ChatOwner } from '@/lib/ai/chats/store';

/** A user's answer to an input request. Only ever built from the user's own request, never from model output. */
export type InputAnswer = { kind: 'approval'; approved: boolean } | { kind: 'text'; text: string } | { kind: 'cancelled' };

interface PendingInput {
  request: InputRequest;
  resolve: (answer: InputAnswer) => void;
}

export interface ActiveRun {
  runId: string;
  chatId: string;
  owner: ChatOwner;
  controller: AbortController;
  inputs: Map<string, PendingInput>;
  /** Settles when the run has ended and its state is stored. */
  finished: Promise<void>;
}

const runs = processSingleton('ai-runs', () => new Map<string, ActiveRun>());

const owns = (run: ActiveRun, owner: ChatOwner) => run.owner.app_id === owner.app_id && run.owner.user_id === owner.user_id;

export function activeRun(owner: ChatOwner, chatId: string): ActiveRun | undefined {
  const run = runs.get(chatId);
  return run && owns(run, owner) ? run : undefined;
}

export function registerRun(run: ActiveRun): void {
  runs.set(run.chatId, run);
}

export function unregisterRun(run: ActiveRun): void {
  if (runs.get(run.chatId) === run) runs.delete(run.chatId);
}

/** Waits for the user's answer to `request`; a stopped run answers `cancelled`. */
export function waitForInput(run: ActiveRun, request: InputRequest): Promise<InputAnswer> {
  return new Promise((resolve) => {
    const settle = (answer: InputAnswer) => {
      run.inputs.delete(request.input_request_id);
      run.controller.signal.removeEventListener('abort', onAbort);
      resolve(answer);
    };
    const onAbort = () => settle({ kind: 'cancelled' });
    run.inputs.set(request.input_request_id, { request, resolve: settle });
    run.controller.signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The owner's open input request with this id, and the run waiting on it. */
export function findPendingInput(owner: ChatOwner, inputRequestId: string): { run: ActiveRun; request: InputRequest; resolve: (answer: InputAnswer) => void } | undefined {
  for (const run of runs.values()) {
    if (!owns(run, owner)) continue;
    const pending = run.inputs.get(inputRequestId);
    if (pending) return { run, ...pending };
  }
  return undefined;
}

/** Every run (graceful shutdown stops them). */
export function allRuns(): ActiveRun[] {
  return [...runs.values()];
}
