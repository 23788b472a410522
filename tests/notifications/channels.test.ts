/**
 * The email, SMS and web push channels over real network traffic: an SMTP server, an HTTP server
 * speaking Twilio's Messages API and an HTTPS push service, each on loopback, receive what
 * `createNotification` and the digest run send, rendered from the shipped templates and honouring
 * the user's preferences; a refusing provider never breaks the in-app notification.
 */
import path from 'node:path';
import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalUser } from '@/lib/auth/registration';
import { usersOf } from '@/lib/auth/users';
import { getConfigs } from '@/lib/config';
import { closeDatabase, database, setStoreForTests } from '@/lib/db';
import { EmbeddedStore } from '@/lib/db/embedded';
import { resetEnvForTests } from '@/lib/env';
import { eventsSettled } from '@/lib/events';
import { closeEmail, createNotification, listNotifications, notificationsSettled, savePreferences, savePushSubscription } from '@/lib/notifications';
import { PUSH_TTL_SECONDS } from '@/lib/notifications/channels/push';
import { sendDigests } from '@/lib/notifications/scheduler';
import { logger } from '@/lib/runtime/logger';
import { makeTempDir } from '../support/config-dir';
import { startPushPeer, type PushPeer } from '../support/push-peer';
import { startSmsPeer, INVALID_TO_NUMBER, type SmsPeer } from '../support/sms-peer';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer';

const APP = 'channels_app';
/** Declared by plugins/task_manager/plugin.json with in_app, email and push. */
const TASK_DUE = 'task_manager_task_due';
/** Declared by config/settings_config.json with in_app and email, with its own email template. */
const SECURITY = 'security_alerts';
/** No declared type has SMS; an undeclared type goes out on the channels its caller names. */
const SMS_TYPE = 'login_code';
const FROM_ADDRESS = 'alerts@mozaiks.test';
const FROM_NAME = 'Mozaiks Alerts';
const SMS_FROM = '+15005550006';
const VAPID_CONTACT = 'ops@mozaiks.test';

let smtp: SmtpPeer;
let sms: SmsPeer;
let push: PushPeer;
let restoreEnv: () => void;

const vapid = webpush.generateVAPIDKeys();

beforeAll(async () => {
  [smtp, sms, push] = await Promise.all([startSmtpPeer(), startSmsPeer(), startPushPeer({ applicationServerKey: vapid.publicKey, subject: `mailto:${VAPID_CONTACT}` })]);
  const dir = makeTempDir('mozaiks-channels-');
  const overrides: Record<string, string> = {
    MOZAIKS_DATA_DIR: dir,
    SMTP_URL: smtp.url,
    EMAIL_FROM_ADDRESS: FROM_ADDRESS,
    EMAIL_FROM_NAME: FROM_NAME,
    SMS_ACCOUNT_SID: sms.accountSid,
    SMS_AUTH_TOKEN: sms.authToken,
    SMS_FROM_NUMBER: SMS_FROM,
    SMS_API_BASE_URL: sms.url,
    PUSH_VAPID_PUBLIC_KEY: vapid.publicKey,
    PUSH_VAPID_PRIVATE_KEY: vapid.privateKey,
    PUSH_VAPID_CLAIMS_EMAIL: VAPID_CONTACT,
    // The stand-in push service listens on loopback.
    PUSH_SERVICE_HOSTS: '127.0.0.1',
  };
  const previous = Object.fromEntries(Object.keys(overrides).map((key) => [key, process.env[key]]));
  Object.assign(process.env, overrides);
  restoreEnv = () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvForTests();
  };
  resetEnvForTests();
  setStoreForTests(new EmbeddedStore(path.join(dir, 'db')));
});

afterEach(async () => {
  await notificationsSettled();
  vi.restoreAllMocks();
});

afterAll(async () => {
  await Promise.all([notificationsSettled(), eventsSettled()]);
  // The pooled SMTP connections first: the server waits for open sessions before closing.
  closeEmail();
  await Promise.all([smtp?.close(), sms?.close(), push?.close()]);
  await closeDatabase();
  restoreEnv?.();
});

let userCount = 0;
/** A fresh local account, with a phone number when given. */
async function newUser(phone?: string) {
  userCount += 1;
  const username = `user${userCount}_${Date.now().toString(36)}`;
  const email = `${username}@example.com`;
  const user = await createLocalUser(APP, { username, password: `${username}-password`, email, full_name: `Test User ${userCount}` });
  if (phone) await usersOf(APP).updateOne({ _id: user._id }, { $set: { phone } });
  return { id: user._id, username, email, fullName: `Test User ${userCount}` };
}

const inbox = async (userId: string) => (await listNotifications({ appId: APP, userId, unreadOnly: false, limit: 50, offset: 0 })).notifications;
const emailsTo = (address: string) => smtp.received.filter((email) => email.envelope.rcptTo.includes(address));
const appName = () => getConfigs().theme.branding.app_name;
/** Silences and records the delivery-failure warnings a test expects. */
const watchWarnings = () => vi.spyOn(logger, 'warn').mockImplementation(() => {});

describe('email', () => {
  it('sends the rendered template from the configured sender, with the message escaped in the HTML part', async () => {
    const ann = await newUser();
    const result = await createNotification({
      appId: APP,
      userId: ann.id,
      type: TASK_DUE,
      title: 'Task <script>alert(1)</script> due',
      message: 'Finish "Q3 report" <script>steal()</script> & send it',
    });
    expect(result.channels).toEqual(expect.arrayContaining(['in_app', 'email']));
    await notificationsSettled();

    const [email, ...others] = emailsTo(ann.email);
    expect(others).toEqual([]);
    expect(email!.envelope).toEqual({ mailFrom: FROM_ADDRESS, rcptTo: [ann.email] });
    expect(email!.from).toEqual({ name: FROM_NAME, address: FROM_ADDRESS });
    expect(email!.to).toEqual([ann.email]);
    expect(email!.subject).toBe('Task <script>alert(1)</script> due');
    expect(email!.text).toContain(`Hi ${ann.username},`);
    expect(email!.text).toContain('Finish "Q3 report" <script>steal()</script> & send it');
    expect(email!.text).toContain(`The ${appName()} team`);
    expect(email!.html).toContain('Finish &quot;Q3 report&quot; &lt;script&gt;steal()&lt;/script&gt; &amp; send it');
    expect(email!.html).not.toContain('<script>');
  });

  it("uses a type's own template, deriving the HTML part from its text with values escaped", async () => {
    const bea = await newUser();
    await createNotification({ appId: APP, userId: bea.id, type: SECURITY, title: 'New sign-in', message: 'Signed in from <b>Firefox</b> on Linux' });
    await notificationsSettled();

    const [email] = emailsTo(bea.email);
    expect(email!.subject).toBe('Security alert: New sign-in');
    expect(email!.text).toContain('Signed in from <b>Firefox</b> on Linux');
    expect(email!.text).toContain('If this was not you, change your password now.');
    expect(email!.html).toContain('Signed in from &lt;b&gt;Firefox&lt;/b&gt; on Linux');
    expect(email!.html).toContain('If this was not you, change your password now.');
    expect(email!.html).not.toContain('<b>');
  });

  it('sends nothing when the user turned the type off for email, and still stores it in-app', async () => {
    const cid = await newUser();
    await savePreferences(APP, cid.id, { [TASK_DUE]: { channels: { email: false } } });
    const result = await createNotification({ appId: APP, userId: cid.id, type: TASK_DUE, title: 'Water the plants', message: 'Due today' });
    expect(result.channels).not.toContain('email');
    await notificationsSettled();

    expect(emailsTo(cid.email)).toEqual([]);
    expect((await inbox(cid.id)).map((notification) => notification.title)).toEqual(['Water the plants']);
    // Other types still email this user.
    await createNotification({ appId: APP, userId: cid.id, type: SECURITY, title: 'Password changed', message: 'Your password was changed.' });
    await notificationsSettled();
    expect(emailsTo(cid.email).map((email) => email.subject)).toEqual(['Security alert: Password changed']);
  });

  it('holds daily-digest emails for the digest run, which sends one email listing them, once', async () => {
    const dan = await newUser();
    await savePreferences(APP, dan.id, { [TASK_DUE]: { frequency: 'daily' } });
    await createNotification({ appId: APP, userId: dan.id, type: TASK_DUE, title: 'Q3 report & budget', message: 'Due today' });
    await createNotification({ appId: APP, userId: dan.id, type: TASK_DUE, title: 'Call the bank', message: 'Due at 15:00' });
    await notificationsSettled();

    expect(emailsTo(dan.email)).toEqual([]);
    expect((await inbox(dan.id)).map((notification) => notification.title).sort()).toEqual(['Call the bank', 'Q3 report & budget']);
    const queued = database({ appId: APP }).collection('notification_digest_items');
    expect(await queued.countDocuments({ user_id: dan.id, period: 'daily' })).toBe(2);
    // A weekly run does not touch the daily queue.
    expect(await sendDigests(APP, 'weekly')).toBe(0);

    expect(await sendDigests(APP, 'daily')).toBe(1);
    const [digest, ...others] = emailsTo(dan.email);
    expect(others).toEqual([]);
    expect(digest!.from).toEqual({ name: FROM_NAME, address: FROM_ADDRESS });
    expect(digest!.subject).toBe(`Your daily ${appName()} summary`);
    expect(digest!.text).toContain(`Hi ${dan.fullName},`);
    expect(digest!.text).toContain('You have 2 notifications from the last day');
    expect(digest!.text).toContain('- Q3 report & budget: Due today');
    expect(digest!.html).toContain('<li><strong>Q3 report &amp; budget</strong> Due today</li>');
    expect(digest!.html).toContain('<li><strong>Call the bank</strong> Due at 15:00</li>');
    expect(await queued.countDocuments({ user_id: dan.id })).toBe(0);

    expect(await sendDigests(APP, 'daily')).toBe(0);
    expect(emailsTo(dan.email)).toHaveLength(1);
  });

  it("sends everyone's digest when one address is refused, and keeps the refused one's items for the next digest", async () => {
    const warn = watchWarnings();
    const [gus, hal] = [await newUser(), await newUser()];
    for (const user of [gus, hal]) {
      await savePreferences(APP, user.id, { [TASK_DUE]: { frequency: 'daily' } });
      await createNotification({ appId: APP, userId: user.id, type: TASK_DUE, title: `Report for ${user.username}`, message: 'Due today' });
    }
    await notificationsSettled();
    smtp.rejecting.add(gus.email);

    expect(await sendDigests(APP, 'daily')).toBe(1);
    expect(emailsTo(hal.email)).toHaveLength(1);
    expect(emailsTo(gus.email)).toEqual([]);
    expect(warn).toHaveBeenCalledWith('digest email failed; its items wait for the next digest', expect.objectContaining({ user_id: gus.id }));
    const queued = database({ appId: APP }).collection('notification_digest_items');
    expect(await queued.countDocuments({ user_id: gus.id })).toBe(1);
    expect(await queued.countDocuments({ user_id: hal.id })).toBe(0);

    smtp.rejecting.delete(gus.email);
    expect(await sendDigests(APP, 'daily')).toBe(1);
    expect(emailsTo(gus.email)).toHaveLength(1);
  });

  it('stores the notification in-app when the SMTP server refuses the message, and keeps sending to others', async () => {
    const warn = watchWarnings();
    const eve = await newUser();
    const fay = await newUser();
    smtp.rejecting.add(eve.email);
    const result = await createNotification({ appId: APP, userId: eve.id, type: SECURITY, title: 'New sign-in', message: 'From a new device' });
    expect(result.channels).toContain('email');
    await notificationsSettled();

    expect(smtp.refused).toContain(eve.email);
    expect(emailsTo(eve.email)).toEqual([]);
    expect((await inbox(eve.id)).map((notification) => notification.id)).toEqual([result.id]);
    expect(warn).toHaveBeenCalledWith('notification delivery failed', expect.objectContaining({ channel: 'email', user_id: eve.id, error: expect.any(Error) }));

    await createNotification({ appId: APP, userId: fay.id, type: SECURITY, title: 'New sign-in', message: 'From a new device' });
    await notificationsSettled();
    expect(emailsTo(fay.email)).toHaveLength(1);
  });
});

describe('SMS', () => {
  it('texts the rendered body from the configured number, authenticated as the account', async () => {
    const gus = await newUser('+14155550123');
    const before = sms.received.length;
    const result = await createNotification({ appId: APP, userId: gus.id, type: SMS_TYPE, title: 'Sign-in code', message: 'Your code is 482913', channels: ['in_app', 'sms'] });
    expect(result.channels).toEqual(['in_app', 'sms']);
    await notificationsSettled();

    const requests = sms.received.slice(before);
    expect(requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `/2010-04-01/Accounts/${sms.accountSid}/Messages.json`,
        authUser: sms.accountSid,
        to: '+14155550123',
        from: SMS_FROM,
        messagingServiceSid: null,
        body: `${appName()}: Sign-in code — Your code is 482913`,
        status: 201,
      }),
    ]);
    expect((await inbox(gus.id)).map((notification) => notification.title)).toEqual(['Sign-in code']);
  });

  it('sends no text to a user without a phone number', async () => {
    const hal = await newUser();
    const before = sms.received.length;
    const result = await createNotification({ appId: APP, userId: hal.id, type: SMS_TYPE, title: 'Sign-in code', message: 'Your code is 111111', channels: ['in_app', 'sms'] });
    expect(result.channels).toEqual(['in_app']);
    await notificationsSettled();
    expect(sms.received.slice(before)).toEqual([]);
    expect(await inbox(hal.id)).toHaveLength(1);
  });

  it("logs the provider's refusal of a bad number without failing the notification", async () => {
    const warn = watchWarnings();
    const ivy = await newUser(INVALID_TO_NUMBER);
    const before = sms.received.length;
    const result = await createNotification({ appId: APP, userId: ivy.id, type: SMS_TYPE, title: 'Sign-in code', message: 'Your code is 222222', channels: ['in_app', 'sms'] });
    expect(result.channels).toContain('sms');
    await notificationsSettled();

    expect(sms.received.slice(before)).toEqual([expect.objectContaining({ to: INVALID_TO_NUMBER, status: 400 })]);
    expect(warn).toHaveBeenCalledWith('notification delivery failed', expect.objectContaining({ channel: 'sms', user_id: ivy.id }));
    const [, fields] = warn.mock.calls.find(([, entry]) => entry?.channel === 'sms')!;
    expect(String(fields?.error)).toMatch(/400.*not a valid phone number.*21211/);
    expect((await inbox(ivy.id)).map((notification) => notification.id)).toEqual([result.id]);
  });
});

describe('web push', () => {
  const subscriptionsOf = async (userId: string) =>
    (await database({ appId: APP }).forUser(userId).collection('push_subscriptions').find({})).map((document) => document.endpoint);

  it('delivers an encrypted payload the browser can decrypt, signed with the VAPID key', async () => {
    const jon = await newUser();
    const browser = push.subscribe();
    await savePushSubscription({ appId: APP, userId: jon.id, subscription: browser, userAgent: 'vitest' });
    const result = await createNotification({ appId: APP, userId: jon.id, type: TASK_DUE, title: 'Pay rent', message: 'Due today', metadata: { url: '/tasks/42' } });
    expect(result.channels).toContain('push');
    await notificationsSettled();

    const requests = push.received.filter((request) => request.endpoint === browser.endpoint);
    expect(requests).toEqual([expect.objectContaining({ status: 201, refusal: null, ttl: PUSH_TTL_SECONDS })]);
    const [delivered] = requests;
    expect(delivered!.payload).toEqual({ title: 'Pay rent', body: 'Due today', data: { id: result.id, type: TASK_DUE, url: '/tasks/42' } });
    expect(delivered!.claims).toMatchObject({ aud: push.origin, sub: `mailto:${VAPID_CONTACT}` });
    expect(delivered!.claims!.exp).toBeGreaterThan(Date.now() / 1000);
    expect(await subscriptionsOf(jon.id)).toEqual([browser.endpoint]);
  });

  it('deletes a subscription the push service answers 410 Gone for, and keeps delivering to the others', async () => {
    const kim = await newUser();
    const gone = push.subscribe();
    const live = push.subscribe();
    for (const subscription of [gone, live]) await savePushSubscription({ appId: APP, userId: kim.id, subscription, userAgent: 'vitest' });
    push.respondWith(gone.endpoint, 410);
    await createNotification({ appId: APP, userId: kim.id, type: TASK_DUE, title: 'Renew passport', message: 'Due this week' });
    await notificationsSettled();

    expect(push.received.filter((request) => request.endpoint === gone.endpoint).map((request) => request.status)).toEqual([410]);
    expect(push.received.filter((request) => request.endpoint === live.endpoint)).toEqual([
      expect.objectContaining({ status: 201, payload: expect.objectContaining({ title: 'Renew passport' }) }),
    ]);
    expect(await subscriptionsOf(kim.id)).toEqual([live.endpoint]);
  });

  it('keeps a subscription whose push service fails for another reason', async () => {
    const warn = watchWarnings();
    const lea = await newUser();
    const flaky = push.subscribe();
    await savePushSubscription({ appId: APP, userId: lea.id, subscription: flaky, userAgent: 'vitest' });
    push.respondWith(flaky.endpoint, 503);
    const result = await createNotification({ appId: APP, userId: lea.id, type: TASK_DUE, title: 'Book flights', message: 'Due tomorrow' });
    await notificationsSettled();

    expect(push.received.filter((request) => request.endpoint === flaky.endpoint).map((request) => request.status)).toEqual([503]);
    expect(await subscriptionsOf(lea.id)).toEqual([flaky.endpoint]);
    expect(warn).toHaveBeenCalledWith('notification delivery failed', expect.objectContaining({ channel: 'push', user_id: lea.id }));
    expect((await inbox(lea.id)).map((notification) => notification.id)).toEqual([result.id]);
  });
});
