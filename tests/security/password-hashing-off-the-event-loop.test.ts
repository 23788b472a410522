/**
 * Finding 2 of the hardening issue: sign-ups hashed passwords with bcryptjs on the main thread, and 40
 * of them at once stalled every other request for 18 s. Hashes are now scrypt on the thread pool, in
 * a bounded number of slots; the original runtime's bcrypt hashes still verify and are replaced at
 * the next sign-in. (The effect on /health under 40 sign-ups is measured in bench/, not here.)
 */
import { performance } from 'node:perf_hooks';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithPassword } from '@/lib/auth/accounts';
import { HASH_CONCURRENCY, hashPassword, MAX_WAITING_HASHES, needsRehash, verifyPassword } from '@/lib/auth/passwords';
import { usersOf } from '@/lib/auth/users';
import { closeDatabase, prepareDatabase } from '@/lib/db';
import { getEnv, resetEnvForTests } from '@/lib/env';
import '@/lib/runtime/collections';
import { makeTempDir } from '../support/config-dir';

beforeAll(async () => {
  process.env.MOZAIKS_DATA_DIR = makeTempDir('mozaiks-hashing-');
  resetEnvForTests();
  await prepareDatabase();
});

afterAll(async () => {
  await closeDatabase();
});

describe('password hashing', () => {
  it('leaves the event loop idle while it hashes (the work runs on the thread pool)', async () => {
    const before = performance.eventLoopUtilization();
    await Promise.all(Array.from({ length: 3 }, (_, index) => hashPassword(`password-${index}`)));
    const { utilization } = performance.eventLoopUtilization(before);
    // bcryptjs kept the loop busy for the whole hash (utilization near 1); scrypt leaves it waiting.
    expect(utilization).toBeLessThan(0.5);
  });

  it('makes scrypt hashes that verify only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('refuses hashing with 503 and Retry-After once every slot and the queue are taken', async () => {
    const extra = 3;
    const results = await Promise.allSettled(Array.from({ length: HASH_CONCURRENCY + MAX_WAITING_HASHES + extra }, (_, index) => hashPassword(`queued-${index}`)));
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as { errorCode: string; headers?: Record<string, string> }] : []));
    expect(refused).toHaveLength(extra);
    for (const reason of refused) {
      expect(reason.errorCode).toBe('SERVICE_UNAVAILABLE');
      expect(Number(reason.headers?.['Retry-After'])).toBeGreaterThan(0);
    }
  }, 120_000);

  it('verifies an original bcrypt hash and replaces it with scrypt at sign-in', async () => {
    const legacy = bcrypt.hashSync('legacy-password', 4);
    const { appId } = getEnv();
    const now = new Date();
    await usersOf(appId).insertOne({ username: 'legacy', email: 'legacy@example.com', hashed_password: legacy, roles: ['user'], disabled: false, auth_provider: 'local', created_at: now, updated_at: now });
    expect(needsRehash(legacy)).toBe(true);
    await signInWithPassword({ username: 'legacy', password: 'legacy-password', address: '192.0.2.1' });
    const stored = await usersOf(appId).findOne({ username: 'legacy' });
    expect(stored?.hashed_password).toMatch(/^scrypt\$/);
    expect(await verifyPassword('legacy-password', stored!.hashed_password!)).toBe(true);
    await signInWithPassword({ username: 'legacy', password: 'legacy-password', address: '192.0.2.1' });
  });
});
