import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { makeTempDir } from './config-dir';
import { PROJECT_ROOT } from './paths';

/** A free TCP port on loopback, found by letting the OS pick one. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type ServerMode = 'custom' | 'next-start';

export interface ServerOptions {
  /** `custom`: dist/server.cjs (npm start); `next-start`: plain `next start`, as Vercel-like hosts run. */
  mode?: ServerMode;
  /** Extra environment variables; `undefined` removes one inherited from the test process. */
  env?: Record<string, string | undefined>;
  port?: number;
  /** How long start-up may take before the server counts as failed (default 30 s). */
  readyTimeoutMs?: number;
}

export interface RunningServer {
  /** Base URL on `localhost` (Next rewrites 127.0.0.1 to localhost; see PITFALLS.md). */
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far, stdout and stderr interleaved. */
  output: () => string;
  /** Sends a signal and resolves with the exit code once the process has ended. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  exited: Promise<number | null>;
}

/** Integration specs run the production build; say so plainly instead of failing on a missing file. */
function assertBuilt(): void {
  const missing = ['dist/server.cjs', '.next/BUILD_ID'].filter((file) => !existsSync(path.join(PROJECT_ROOT, file)));
  if (missing.length) {
    throw new Error(`These tests run the production build (${missing.join(', ')} missing): run \`npm run build\` first, or \`npm test\`.`);
  }
}

function spawnServer(options: ServerOptions, port: number) {
  assertBuilt();
  const mode = options.mode ?? 'custom';
  const args =
    mode === 'custom'
      ? [path.join(PROJECT_ROOT, 'dist/server.cjs')]
      : [path.join(PROJECT_ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    // A production build runs as production unless told otherwise; most specs want development's defaults
    // (a generated secret, the first account as superadmin) and set ENV=production where that is the point.
    ENV: 'development',
    // Every answer is checked against its endpoint's output schema (lib/api/output-check.ts).
    MOZAIKS_CHECK_OUTPUTS: 'true',
    // Specs sign up many accounts from one address; tests/security/ checks the limit itself.
    MOZAIKS_SIGNUPS_PER_HOUR: '100000',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    HOST: '127.0.0.1',
    MOZAIKS_DATA_DIR: makeTempDir('mozaiks-data-'),
    MOZAIKS_CONFIGS_PATH: path.join(PROJECT_ROOT, 'config'),
    // Plain `next start` in production refuses the embedded store unless allowed (lib/db/placement.ts): these
    // servers are single long-lived processes on a disk, which is what the escape hatch is for.
    ...(mode === 'next-start' ? { MOZAIKS_EMBEDDED_STORE: 'allow' } : {}),
    ...options.env,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Kills a server that would not start, with its children: `next start` serves from a child process of its own. */
function killTree(child: ChildProcess): void {
  if (child.pid) spawnSync('pkill', ['-KILL', '-P', String(child.pid)]);
  child.kill('SIGKILL');
}

/** Starts the production build and resolves once GET /ready answers 200. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const { child, output, exited } = spawnServer(options, port);
  const url = `http://localhost:${port}`;
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`server exited during start-up:\n${output()}`);
    try {
      const response = await fetch(`${url}/ready`);
      if (response.status === 200) {
        return {
          url,
          port,
          child,
          output,
          exited,
          stop: async (signal = 'SIGTERM') => {
            if (!hasExited) child.kill(signal);
            return exited;
          },
        };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  killTree(child);
  throw new Error(`server did not become ready within ${readyTimeoutMs / 1000} s:\n${output()}`);
}

/** Starts a server that is expected to refuse to start; resolves with its exit code and output. */
export async function startServerExpectingFailure(options: ServerOptions = {}): Promise<{ code: number | null; output: string }> {
  const port = options.port ?? (await freePort());
  const { child, output, exited } = spawnServer(options, port);
  const timer = setTimeout(() => killTree(child), 30_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}
