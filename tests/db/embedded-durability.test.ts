/**
 * Durability of the embedded store: a process killed with SIGKILL in the middle of a stream of writes
 * loses none of the writes it had acknowledged.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { database } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { makeTempDir } from '../support/config-dir';
import { PROJECT_ROOT } from '../support/paths';

/** Runs the writer until it has acknowledged `count` writes, then kills it; returns the acknowledged ids. */
async function writeThenKill(dir: string, count: number): Promise<Map<string, number>> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a child process, which SIGKILL would miss.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/db/fixtures/writer.ts', dir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked = new Map<string, number>();
  let buffered = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [id, seq] = line.split(' ');
        if (id) acked.set(id, Number(seq));
      }
      // Kill mid-stream, without waiting for a quiet moment.
      if (acked.size >= count && child.exitCode === null) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.once('exit', () => (acked.size >= count ? resolve() : reject(new Error(`writer exited early:\n${errors}`))));
  });
  expect(await exited).toBe('SIGKILL');
  return acked;
}

describe('embedded store durability', () => {
  it('keeps every acknowledged write when the process is killed mid-stream, twice over', async () => {
    const dir = makeTempDir('mozaiks-durable-');
    const first = await writeThenKill(dir, 300);
    const second = await writeThenKill(dir, 300);

    const store = new EmbeddedStore(dir);
    try {
      const events = database({ appId: 'durable' }, store).collection('events');
      const stored = new Set((await events.find({}, { projection: { _id: 1 } })).map((doc) => doc._id));
      const missing = [...first.keys(), ...second.keys()].filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      const lastAcked = Math.max(...second.values());
      const counter = await database({ appId: 'durable' }, store).collection('counters').findOne({ _id: 'acked' });
      expect(counter?.last).toBeGreaterThanOrEqual(lastAcked);
      // The store still takes writes after the crashes.
      await events.insertOne({ seq: -1 });
      expect(await events.countDocuments({ seq: -1 })).toBe(1);
    } finally {
      await store.close();
    }
  }, 60_000);
});
