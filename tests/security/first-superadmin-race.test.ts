/**
 * Finding 1 of the hardening issue: eight sign-ups at once on an empty app all became superadmin
 * (count, then insert), and one email registered six times. Twenty sign-ups race here, on the
 * embedded store and on FerretDB: exactly one superadmin, one account per email.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalUser } from '@/lib/auth/registration';
import { usersOf } from '@/lib/auth/users';
import { closeDatabase, prepareDatabase, setStoreForTests } from '@/lib/db';
import type { Store } from '@/lib/db/types';
import { resetEnvForTests } from '@/lib/env';
import '@/lib/runtime/collections';
import { makeTempDir } from '../support/config-dir';
import { startTargets, storeTargets } from '../support/stores';

const RACERS = 20;
const targets = storeTargets();

beforeAll(async () => {
  process.env.MOZAIKS_DATA_DIR = makeTempDir('mozaiks-race-');
  await startTargets(targets);
}, 90_000);

afterAll(async () => {
  delete process.env.MOZAIKS_FIRST_USER_ADMIN;
  resetEnvForTests();
  for (const target of targets) await target.teardown();
});

const person = (index: number, email = `racer${index}@example.com`) => ({
  username: `racer${index}`,
  password: `racer-${index}-password`,
  email,
  full_name: `Racer ${index}`,
});

/** Runs the test body on a fresh, empty store of the target's kind, with the first-user rule as given. */
async function onFreshStore(target: (typeof targets)[number], firstUserAdmin: boolean, body: (appId: string) => Promise<void>): Promise<void> {
  process.env.MOZAIKS_FIRST_USER_ADMIN = String(firstUserAdmin);
  resetEnvForTests();
  const { store, dispose } = await target.open();
  setStoreForTests(store as Store);
  try {
    await prepareDatabase(store);
    await body(`race_${target.kind}`);
  } finally {
    await dispose();
  }
}

describe.each(targets.map((target) => [target.kind, target] as const))('sign-ups racing on %s', (_kind, target) => {
  it('make exactly one superadmin on an empty app', async () => {
    await onFreshStore(target, true, async (appId) => {
      const results = await Promise.allSettled(Array.from({ length: RACERS }, (_, index) => createLocalUser(appId, person(index))));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(RACERS);
      const superadmins = await usersOf(appId).countDocuments({ roles: 'superadmin' });
      expect(superadmins).toBe(1);
      expect(await usersOf(appId).countDocuments()).toBe(RACERS);
    });
  });

  it('register one account per email, and tell the others EMAIL_TAKEN', async () => {
    await onFreshStore(target, true, async (appId) => {
      const results = await Promise.allSettled(Array.from({ length: RACERS }, (_, index) => createLocalUser(appId, person(index, 'same@example.com'))));
      const created = results.filter((result) => result.status === 'fulfilled');
      const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as { errorCode?: string }] : []));
      expect(created).toHaveLength(1);
      expect(refused.map((reason) => reason.errorCode)).toEqual(Array(RACERS - 1).fill('EMAIL_TAKEN'));
      expect(await usersOf(appId).countDocuments({ email: 'same@example.com' })).toBe(1);
    });
  });

  it('make nobody superadmin when the first-user rule is off (production default)', async () => {
    await onFreshStore(target, false, async (appId) => {
      await Promise.all(Array.from({ length: 5 }, (_, index) => createLocalUser(appId, person(index))));
      expect(await usersOf(appId).countDocuments({ roles: 'superadmin' })).toBe(0);
    });
  });
});

afterAll(async () => {
  await closeDatabase().catch(() => {});
});
