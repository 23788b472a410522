/**
 * `npm run db:migrate` stops at once on a command that cannot work, with one line saying why and a
 * non-zero exit code, never a stack trace: bad flags (with the usage), a wrong URI, a MongoDB that does
 * not answer (within DATABASE_TIMEOUT_MS), a missing source, an embedded store a running app holds.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedStoreDir } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { makeTempDir } from '../support/config-dir';
import { PROJECT_ROOT } from '../support/paths';
import { freePort } from '../support/server';

async function migrate(args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/db-migrate.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MOZAIKS_DATA_DIR: makeTempDir('mozaiks-migrate-empty-'), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr, lines: stderr.trim().split('\n'), ms: Date.now() - started };
}

describe('npm run db:migrate refuses clearly', () => {
  const heldDataDir = makeTempDir('mozaiks-migrate-held-');
  const held = new EmbeddedStore(embeddedStoreDir(heldDataDir));
  afterAll(() => held.close());

  it('explains itself with --help', async () => {
    const { code, stdout } = await migrate(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('npm run db:migrate -- --to <mongodb-uri>');
    expect(stdout).toContain('--from <mongodb-uri>');
  });

  it('answers bad flags with the reason and the usage (the other cases: lib/db/migrate/options.test.ts)', async () => {
    const { code, stderr } = await migrate(['--to', 'mongodb://a/b', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Unknown option '--bogus'/);
    expect(stderr).toContain('Usage:');
  });

  it('refuses a URI that is not a MongoDB connection string, or that the driver cannot use, in one line', async () => {
    for (const [uri, reason] of [
      ['http://example.com/db', '--to must be a MongoDB connection string'],
      ['mongodb://127.0.0.1:99999/db', '--from is not a usable MongoDB connection string'],
    ] as const) {
      const { code, lines } = await migrate([uri.startsWith('http') ? '--to' : '--from', uri]);
      expect(code).not.toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(reason);
    }
  });

  it('gives up on a MongoDB that does not answer within DATABASE_TIMEOUT_MS', async () => {
    const port = await freePort();
    const { code, lines, ms } = await migrate(['--from', `mongodb://user:secret@127.0.0.1:${port}/app`], { DATABASE_TIMEOUT_MS: '500' });
    expect(code).toBe(1);
    expect(lines).toEqual([`db:migrate: MongoDB at mongodb://127.0.0.1:${port}/app did not answer within 0.5 s (DATABASE_TIMEOUT_MS): check the address, that the server is running, and the credentials.`]);
    // Start-up of the command itself takes a few seconds on a loaded machine; the wait is the timeout's.
    expect(ms).toBeLessThan(15_000);
  });

  it('refuses a missing embedded store without creating one', async () => {
    const dataDir = makeTempDir('mozaiks-migrate-missing-');
    const { code, lines } = await migrate(['--to', 'mongodb://127.0.0.1:1/app'], { MOZAIKS_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(lines).toEqual([`db:migrate: There is no embedded store in ${dataDir}/db: nothing to copy (is MOZAIKS_DATA_DIR, or --data-dir, right?).`]);
    expect(existsSync(embeddedStoreDir(dataDir))).toBe(false);
  });

  it('refuses an embedded store that a running app holds', async () => {
    await held.collection('users').insertMany([{ _id: 'u1', app_id: 'dev_app', username: 'ada' }]);
    const { code, lines } = await migrate(['--to', 'mongodb://127.0.0.1:1/app', '--data-dir', heldDataDir]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`is in use by process ${process.pid}`);
  });
});
