/**
 * Regression (issue #19): a 5-minute soak left 557,789 notifications, and chat events had no
 * retention at all, so the collections that grow with use grew without bound (on the embedded store,
 * in memory). Each now has a TTL index declared beside it, with a named retention constant, and the
 * embedded store's sweep removes what is past it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CHAT_EVENT_RETENTION_SECONDS } from '@/lib/ai/collections';
import { ChatStream } from '@/lib/ai/chats/stream';
import { database, declaredCollections, setStoreForTests } from '@/lib/db';
import { ensureDeclaredIndexes } from '@/lib/db/declare';
import { EmbeddedStore } from '@/lib/db/embedded';
import { NOTIFICATION_RETENTION_SECONDS } from '@/lib/notifications/collections';
import { makeTempDir } from '../support/config-dir';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('retention of the collections that grow with use', () => {
  const store = new EmbeddedStore(makeTempDir('mozaiks-retention-'));
  afterAll(() => store.close());

  it('declares a TTL index on notifications and chat events', () => {
    const ttl = (name: string) => declaredCollections().find((collection) => collection.name === name)?.indexes.find((index) => index.expireAfterSeconds !== undefined);
    expect(ttl('notifications')).toMatchObject({ keys: { created_at: 1 }, expireAfterSeconds: NOTIFICATION_RETENTION_SECONDS });
    expect(ttl('chat_events')).toMatchObject({ keys: { stored_at: 1 }, expireAfterSeconds: CHAT_EVENT_RETENTION_SECONDS });
  });

  it('expires chat events and notifications past their retention, and keeps the rest', async () => {
    setStoreForTests(store);
    await ensureDeclaredIndexes(store);
    const owner = { app_id: 'app_a', user_id: 'u1' };
    const stream = new ChatStream(owner, 'chat_1', []);
    stream.append('chat.text', { message_id: 'm1', agent: 'a', delta: 'hello' });
    await stream.flush();
    const inbox = database({ appId: 'app_a' }, store).forUser('u1').collection('notifications');
    await inbox.insertOne({ title: 'new', read: false, created_at: new Date() });
    await inbox.insertOne({ title: 'old', read: false, created_at: new Date(Date.now() - NOTIFICATION_RETENTION_SECONDS * 1000 - DAY_MS) });
    const events = database({ appId: 'app_a' }, store).forUser('u1').collection('chat_events');
    expect(await events.findOne({})).toMatchObject({ chat_id: 'chat_1', seq: 1, stored_at: expect.any(Date) });

    await store.sweepExpired();
    expect((await inbox.find({})).map((doc) => doc.title)).toEqual(['new']);
    expect(await events.countDocuments({})).toBe(1);

    await store.sweepExpired(Date.now() + CHAT_EVENT_RETENTION_SECONDS * 1000 + DAY_MS);
    expect(await events.countDocuments({})).toBe(0);
  });
});
