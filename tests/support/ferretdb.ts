import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { makeTempDir } from './config-dir';
import { freePort } from './server';

/** Where scripts/ci/ferretdb.sh leaves the binary, unless FERRETDB_BIN says otherwise. */
export function ferretDbBinary(): string | undefined {
  const candidate = process.env.FERRETDB_BIN ?? path.join(homedir(), '.cache/mozaiks-tools/ferretdb-v1.24.2/ferretdb');
  return existsSync(candidate) ? candidate : undefined;
}

export interface RunningFerretDb {
  uri: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
  /** Starts it again on the same port and data, after `stop`. */
  restart: () => Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open and nothing answers, as with a hung server. */
  pause: () => void;
  /** Lets a paused process run again (SIGCONT). */
  resume: () => void;
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`FerretDB did not listen on ${port}:\n${output()}`);
}

/** Starts a FerretDB (MongoDB wire protocol over SQLite) on a free loopback port with its own data folder. */
export async function startFerretDb(binary: string): Promise<RunningFerretDb> {
  const port = await freePort();
  const dataDir = makeTempDir('mozaiks-ferretdb-');
  let child: ChildProcess;
  let output = '';
  const launch = async () => {
    output = '';
    child = spawn(
      binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dataDir}/`,
        `--state-dir=${dataDir}`,
        `--listen-addr=127.0.0.1:${port}`,
        // Its debug HTTP listener defaults to a fixed port; two instances would collide.
        '--debug-addr=127.0.0.1:0',
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForPort(port, child, () => output);
  };
  await launch();
  const stop = async () => {
    // Ended already (a killed process has a signalCode and no exitCode): its 'exit' will not come again.
    if (child.exitCode !== null || child.signalCode !== null) return;
    // A paused process dies on SIGKILL too, but only reports its exit once it runs again.
    child.kill('SIGCONT');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    uri: (database) => `mongodb://127.0.0.1:${port}/${database}`,
    port,
    stop,
    restart: launch,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
  };
}
