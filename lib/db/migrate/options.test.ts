import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BATCH_SIZE, parseMigrateCommand } from './options';

const CWD = '/srv/app';

describe('parseMigrateCommand', () => {
  it('takes the app, the data folder and the timeout from the environment, as the runtime does', () => {
    expect(parseMigrateCommand(['--to', 'mongodb://db.internal/app'], { MOZAIKS_APP_ID: 'shop', MOZAIKS_DATA_DIR: 'state', DATABASE_TIMEOUT_MS: '2500' }, CWD)).toEqual({
      kind: 'run',
      plan: { direction: 'to-mongodb', uri: 'mongodb://db.internal/app', appId: 'shop', dataDir: path.join(CWD, 'state'), batchSize: DEFAULT_BATCH_SIZE, connectTimeoutMs: 2500 },
    });
  });

  it('uses the runtime defaults when nothing is set, and flags over the environment', () => {
    expect(parseMigrateCommand(['--from', 'mongodb+srv://cluster.example.net/app'], {}, CWD)).toMatchObject({
      plan: { direction: 'from-mongodb', appId: 'dev_app', dataDir: path.join(CWD, '.data'), connectTimeoutMs: 5_000 },
    });
    expect(parseMigrateCommand(['--to', 'mongodb://h/d', '--app', 'other', '--data-dir', '/var/lib/app', '--batch-size', '250'], { MOZAIKS_APP_ID: 'shop' }, CWD)).toMatchObject({
      plan: { appId: 'other', dataDir: '/var/lib/app', batchSize: 250 },
    });
  });

  it('answers flags that make no command with the usage', () => {
    for (const args of [[], ['--to', 'mongodb://h/d', '--from', 'mongodb://h/d'], ['--to'], ['--bogus'], ['--to', 'mongodb://h/d', 'extra']]) {
      expect(parseMigrateCommand(args, {}, CWD), args.join(' ')).toMatchObject({ kind: 'usage' });
    }
    expect(parseMigrateCommand(['-h'], {}, CWD)).toEqual({ kind: 'help' });
  });

  it('names the value that cannot be used', () => {
    expect(parseMigrateCommand(['--to', 'postgres://h/d'], {}, CWD)).toEqual({ kind: 'invalid', problem: '--to must be a MongoDB connection string (mongodb://host/db or mongodb+srv://…)' });
    expect(parseMigrateCommand(['--to', 'mongodb://h/d', '--batch-size', '0'], {}, CWD)).toEqual({ kind: 'invalid', problem: '--batch-size must be a whole number from 1 to 10000' });
    expect(parseMigrateCommand(['--to', 'mongodb://h/d', '--app', 'no spaces'], {}, CWD)).toMatchObject({ kind: 'invalid', problem: expect.stringMatching(/^--app \(or MOZAIKS_APP_ID\): must be 1-64 characters/) });
    expect(parseMigrateCommand(['--to', 'mongodb://h/d'], { DATABASE_TIMEOUT_MS: 'soon' }, CWD)).toMatchObject({ kind: 'invalid', problem: 'DATABASE_TIMEOUT_MS: must be a number of milliseconds' });
  });
});
