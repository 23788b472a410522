/**
 * The notification scheduler's delivery guarantees, on every store: each due notification reaches
 * the inbox exactly once, however many instances run the scheduler at the same moment, and a job
 * whose instance died mid-send is finished by another without a duplicate.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { database, setStoreForTests } from '@/lib/db';
import type { Store } from '@/lib/db/types';
import { resetEnvForTests } from '@/lib/env';
import { listNotifications, notificationsSettled, scheduleNotification, cancelScheduledNotification } from '@/lib/notifications';
import { CLAIM_LEASE_MS, deliverDueNotifications } from '@/lib/notifications/scheduler';
import { storeNotification } from '@/lib/notifications/inbox';
import { makeTempDir } from '../support/config-dir';
import { startTargets, storeTargets } from '../support/stores';

const APP = 'sched_app';
const targets = storeTargets();

const inbox = async (userId: string) =>
  (await listNotifications({ appId: APP, userId, unreadOnly: false, limit: 100, offset: 0 })).notifications;
const jobs = () => database({ appId: APP }).collection('scheduled_notifications');

describe.each(targets)('notification scheduler on $kind', (target) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    process.env.MOZAIKS_DATA_DIR = makeTempDir('mozaiks-sched-');
    resetEnvForTests();
    await startTargets([target]);
  });
  afterAll(async () => target.teardown());
  beforeEach(async () => {
    ({ store, dispose } = await target.open());
    setStoreForTests(store);
  });
  afterEach(async () => {
    await notificationsSettled();
    await dispose();
  });

  it('delivers each due notification exactly once while two instances run at the same moment', async () => {
    const due = new Date(Date.now() - 1_000);
    for (let index = 0; index < 30; index++) {
      await scheduleNotification({ appId: APP, userId: `user${index % 3}`, type: 'reminder', title: `Reminder ${index}`, message: 'Due now', scheduledFor: due });
    }
    const later = await scheduleNotification({ appId: APP, userId: 'user0', type: 'reminder', title: 'Tomorrow', message: 'Not yet', scheduledFor: new Date(Date.now() + 86_400_000) });

    const [first, second] = await Promise.all([deliverDueNotifications(APP), deliverDueNotifications(APP)]);
    expect(first + second).toBe(30);
    const titles = (await Promise.all(['user0', 'user1', 'user2'].map(inbox))).flat().map((notification) => notification.title);
    expect(titles).toHaveLength(30);
    expect(new Set(titles).size).toBe(30);
    expect(titles).not.toContain('Tomorrow');
    expect(await jobs().countDocuments({ status: 'sent' })).toBe(30);
    expect(await jobs().findOne({ _id: later })).toMatchObject({ status: 'pending' });

    // Nothing is left to send: a later pass delivers nothing again.
    expect(await deliverDueNotifications(APP)).toBe(0);
  });

  it('finishes a job whose instance died mid-send, without a second copy in the inbox', async () => {
    const id = await scheduleNotification({ appId: APP, userId: 'ann', type: 'reminder', title: 'Once', message: 'Only once', scheduledFor: new Date(Date.now() - 1_000) });
    // The dead instance claimed the job and stored the notification, but never marked the job sent.
    const claimedAt = new Date(Date.now() - CLAIM_LEASE_MS - 1_000);
    await jobs().updateOne({ _id: id }, { $set: { status: 'sending', claimed_until: new Date(claimedAt.getTime() + CLAIM_LEASE_MS) }, $inc: { attempts: 1 } });
    await storeNotification({ appId: APP, userId: 'ann', id, type: 'reminder', title: 'Once', message: 'Only once', metadata: {} });

    // While its claim holds, nobody else takes the job...
    expect(await deliverDueNotifications(APP, claimedAt)).toBe(0);
    // ...once it expired, the next pass completes it, and the inbox keeps a single copy.
    expect(await deliverDueNotifications(APP)).toBe(1);
    expect((await inbox('ann')).map((notification) => notification.title)).toEqual(['Once']);
    expect(await jobs().findOne({ _id: id })).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('replaces a pending notification scheduled under the same key, and cancels by key', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000);
    const first = await scheduleNotification({ appId: APP, userId: 'bea', type: 'reminder', title: 'v1', message: 'm', scheduledFor: inAnHour, key: 'task:1' });
    const second = await scheduleNotification({ appId: APP, userId: 'bea', type: 'reminder', title: 'v2', message: 'm', scheduledFor: inAnHour, key: 'task:1' });
    expect(second).toBe(first);
    expect(await jobs().find({ user_id: 'bea' })).toEqual([expect.objectContaining({ title: 'v2', status: 'pending' })]);
    // Another user's job under the same key is theirs alone.
    await scheduleNotification({ appId: APP, userId: 'cid', type: 'reminder', title: 'other', message: 'm', scheduledFor: inAnHour, key: 'task:1' });
    expect(await cancelScheduledNotification(APP, { userId: 'bea', key: 'task:1' })).toBe(true);
    expect(await cancelScheduledNotification(APP, { userId: 'bea', key: 'task:1' })).toBe(false);
    expect(await jobs().findOne({ user_id: 'cid' })).toMatchObject({ status: 'pending' });
  });
});
