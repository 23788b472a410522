import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { makeConfigDir, makeTempDir } from './config-dir';
import { PROJECT_ROOT } from './paths';
import { freePort } from './server';

/** Where Next keeps the development build; without it a start is cold. */
export const DEV_CACHE_DIR = path.join(PROJECT_ROOT, '.next', 'dev');

export interface DevServer {
  /** Base URL on `localhost` (Next rewrites 127.0.0.1 to localhost; see PITFALLS.md). */
  url: string;
  child: ChildProcess;
  /** `performance.now()` when the process was spawned. */
  spawnedAt: number;
  /** Everything the server printed so far, stdout and stderr interleaved. */
  output: () => string;
  /** SIGTERM, then SIGKILL after 60 s; resolves once the process has ended. */
  stop: () => Promise<void>;
}

/**
 * Spawns the process `npm run dev` ends in: server.ts under tsx, without NODE_ENV (as a developer's
 * shell has it), on a free port, with a scratch copy of config/ and its own data folder. Its predev
 * step only regenerates files that `npm test` checks are current, so it is left out. Resolves at once;
 * wait with `waitForDevServer`.
 */
export async function spawnDevServer(env: Record<string, string> = {}): Promise<DevServer> {
  const port = await freePort();
  const { NODE_ENV: _testEnv, ...inherited } = process.env;
  const childEnv: Record<string, string | undefined> = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    NEXT_TELEMETRY_DISABLED: '1',
    MOZAIKS_CONFIGS_PATH: makeConfigDir(),
    MOZAIKS_DATA_DIR: makeTempDir('mozaiks-dev-data-'),
    ...env,
  };
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server.ts'], {
    cwd: PROJECT_ROOT,
    // Next declares NODE_ENV as always present; leaving it out is the point here.
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // Next writes Turbopack's persistent cache on the way out; a process killed mid-write left a cache on which the
    // next (warm) start panicked ("task is missing in memory or persistent storage") on a busy host.
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(killer);
  };
  return { url: `http://localhost:${port}`, child, spawnedAt, output: () => output, stop };
}

/**
 * Polls `path` until `isDone` accepts an answer (default: 200); resolves with `performance.now()` then.
 * Stops the server and throws if it exits or `timeoutMs` passes.
 */
export async function waitForDevServer(
  server: DevServer,
  { path: target = '/ready', timeoutMs, isDone = (response) => Promise.resolve(response.status === 200) }: { path?: string; timeoutMs: number; isDone?: (response: Response) => Promise<boolean> },
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`dev server exited during start-up:\n${server.output()}`);
    const done = await fetch(`${server.url}${target}`).then(isDone, () => false);
    if (done) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop();
  throw new Error(`dev server did not answer ${target} within ${timeoutMs / 1000} s:\n${server.output()}`);
}
