import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { makeTempDir } from './config-dir';
import { freePort } from './server';

export interface RunningRedis {
  url: string;
  stop: () => Promise<void>;
}

/** The redis-server binary (Debian's `redis-server` package; .ci/run installs it), if present. */
export function redisBinary(): string | undefined {
  const candidate = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  return spawnSync(candidate, ['--version']).status === 0 ? candidate : undefined;
}

/** A throw-away Redis on a free loopback port, without persistence. */
export async function startRedis(binary: string): Promise<RunningRedis> {
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', makeTempDir('mozaiks-redis-')], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const listening = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (listening) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('redis-server did not start within 10 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
