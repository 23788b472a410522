import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, setStoreForTests } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { resetEnvForTests } from '@/lib/env';
import { claimChat, isHeld, keepClaim, leaseMs, releaseChat } from './lease';
import { chatSessions, findChat } from './store';

const owner = { app_id: 'lease_app', user_id: 'alice' };

beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mozaiks-lease-test-'));
  Object.assign(process.env, { MOZAIKS_DATA_DIR: dir, MOZAIKS_APP_ID: 'lease_app', MOZAIKS_AI_RUN_LEASE_SECONDS: '3' });
  resetEnvForTests();
  setStoreForTests(new EmbeddedStore(path.join(dir, 'db')));
});

afterAll(async () => {
  delete process.env.MOZAIKS_AI_RUN_LEASE_SECONDS;
  await closeDatabase();
});

async function newChat(fields: Record<string, unknown> = {}): Promise<string> {
  const _id = `chat_${Math.random().toString(36).slice(2)}`;
  await chatSessions(owner).insertOne({ _id, state: 'idle', ...fields } as never);
  return _id;
}

describe('a run’s lease on its chat (embedded store)', () => {
  it('goes to one claimant at a time, and to the next once released', async () => {
    const chatId = await newChat({ run: null });
    expect(await claimChat(owner, chatId, 'run-1', { exclusive: true })).toBe(true);
    expect(await claimChat(owner, chatId, 'run-2', { exclusive: true })).toBe(false);
    expect(isHeld((await findChat(owner, chatId))!)).toBe(true);
    // Releasing under another run's id gives nothing back.
    await releaseChat(owner, chatId, 'run-2');
    expect(await claimChat(owner, chatId, 'run-2', { exclusive: true })).toBe(false);
    await releaseChat(owner, chatId, 'run-1');
    expect((await findChat(owner, chatId))!.run).toBeNull();
    expect(await claimChat(owner, chatId, 'run-2', { exclusive: true })).toBe(true);
  });

  it('is claimable on a chat stored before leases, and on one whose holder stopped renewing', async () => {
    expect(await claimChat(owner, await newChat(), 'run-1', { exclusive: true })).toBe(true);
    const stale = new Date(Date.now() - leaseMs() - 1000);
    const chatId = await newChat({ run: { id: 'dead', instance: 'gone', seen_at: stale } });
    expect(isHeld((await findChat(owner, chatId))!)).toBe(false);
    expect(await claimChat(owner, chatId, 'run-1', { exclusive: true })).toBe(true);
    expect((await findChat(owner, chatId))!.run).toMatchObject({ id: 'run-1' });
  });

  it('stays held while renewed past its length', async () => {
    const chatId = await newChat({ run: null });
    expect(await claimChat(owner, chatId, 'run-1', { exclusive: true })).toBe(true);
    const stop = keepClaim(owner, chatId, 'run-1');
    try {
      await new Promise((resolve) => setTimeout(resolve, leaseMs() + 500));
      expect(isHeld((await findChat(owner, chatId))!)).toBe(true);
      expect(await claimChat(owner, chatId, 'run-2', { exclusive: true })).toBe(false);
    } finally {
      stop();
    }
  });
});
